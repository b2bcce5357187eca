namespace XaiGrok.Emulator;

/// <summary>Every flow, grant and token the emulator knows of; all access under <see cref="Gate"/>.</summary>
internal sealed class AuthorizationStore
{
    private int lastUserNumber;

    public Lock Gate { get; } = new();
    public Dictionary<string, DeviceFlow> FlowsByDeviceCode { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, DeviceFlow> FlowsByUserCode { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Grant> GrantsByRefreshToken { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Grant> RotatedOutRefreshTokens { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, IssuedAccessToken> AccessTokensById { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, AuthorizationCode> AuthorizationCodes { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Grant> RedeemedAuthorizationCodes { get; } = new(StringComparer.Ordinal);
    public string? LatestUserCode { get; set; }
    public int RefreshTokenReuseCount { get; set; }
    public int? AutoApproveTier { get; set; }

    /// <summary>When each account's refreshes were answered, by subject: how tests see one refresh per user per expiry.</summary>
    public Dictionary<string, List<DateTimeOffset>> RefreshesBySubject { get; } = new(StringComparer.Ordinal);

    public string NextSubject() => "user-" + ++lastUserNumber;

    public void Revoke(Grant grant)
    {
        grant.Revoked = true;
        if (grant.CurrentRefreshToken is { } current)
        {
            GrantsByRefreshToken.Remove(current);
            grant.CurrentRefreshToken = null;
        }
    }

    public DeviceFlow FindByUserCode(string userCode) =>
        FlowsByUserCode.GetValueOrDefault(UserCodes.Normalize(userCode))
        ?? throw new KeyNotFoundException("No device authorization has that user code.");
}
