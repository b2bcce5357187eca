namespace XaiGrok.Emulator;

internal static class EmulatorPaths
{
    public const string Discovery = "/.well-known/openid-configuration";
    public const string Jwks = "/.well-known/jwks.json";
    public const string Authorize = "/oauth2/authorize";
    public const string DeviceAuthorization = "/oauth2/device/code";
    public const string Verification = "/oauth2/device";
    public const string VerificationDecision = "/oauth2/device/decision";
    public const string Token = "/oauth2/token";
    public const string Revoke = "/oauth2/revoke";
    public const string Models = "/v1/models";
    public const string ChatCompletions = "/v1/chat/completions";
    public const string Responses = "/v1/responses";
    public const string ImageGenerations = "/v1/images/generations";
    public const string VideoGenerations = "/v1/videos/generations";
    public const string VideoStatus = "/v1/videos/{requestId}";
    public const string VideoFiles = "/media/videos";
    public const string Control = "/_emulator";
}
