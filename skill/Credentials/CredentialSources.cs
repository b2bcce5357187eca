namespace XaiGrok.Onboarding.Credentials;

/// <summary>Where the active credential came from, as <c>status</c> reports it.</summary>
internal static class CredentialSources
{
    public const string OAuth = "oauth";
    public const string ExternalProvider = "external_provider";
    public const string Oidc = "oidc";
    public const string ApiKey = "api_key";
    public const string None = "none";
}
