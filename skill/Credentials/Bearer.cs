namespace XaiGrok.Onboarding.Credentials;

/// <summary>The token one API call carries, where it came from, and the session behind it (null for an API key).</summary>
internal sealed record Bearer(string Token, string Source, Credential? Session)
{
    public const string ApiKeyAccountPrefix = "api-key:";

    public bool IsApiKey => Session is null;

    /// <summary>Whom a model list belongs to: the session's account, or the key itself (hashed by the cache).</summary>
    public string AccountKey => Session?.AccountKey ?? ApiKeyAccountPrefix + Token;

    public override string ToString() => $"Bearer(source={Source}, token=[redacted])";
}
