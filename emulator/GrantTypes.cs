namespace XaiGrok.Emulator;

internal static class GrantTypes
{
    public const string DeviceCode = "urn:ietf:params:oauth:grant-type:device_code";
    public const string RefreshToken = "refresh_token";
    public const string AuthorizationCode = "authorization_code";

    /// <summary>The short name used in the "grant:..." request counters.</summary>
    public static string CounterName(string grantType) => grantType switch
    {
        DeviceCode => "grant:device_code",
        _ => "grant:" + grantType,
    };
}
