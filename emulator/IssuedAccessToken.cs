namespace XaiGrok.Emulator;

internal sealed class IssuedAccessToken(Grant grant)
{
    public Grant Grant { get; } = grant;
    public bool Revoked { get; set; }

    /// <summary>Set by <see cref="EmulatorControl.ExpireAccessTokens"/>: treated like a token past its exp.</summary>
    public bool ExpiredByControl { get; set; }
}
