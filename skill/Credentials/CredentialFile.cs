using System.Text.Json.Serialization;

namespace XaiGrok.Onboarding.Credentials;

/// <summary>The schema of <c>auth.json</c>, with explicit key names so a rename in code never changes the file.</summary>
internal sealed class CredentialFile
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("version")]
    public int Version { get; set; }

    [JsonPropertyName("source")]
    public string? Source { get; set; }

    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; set; }

    [JsonPropertyName("id_token")]
    public string? IdToken { get; set; }

    [JsonPropertyName("expires_at")]
    public long ExpiresAt { get; set; }

    [JsonPropertyName("obtained_at")]
    public long ObtainedAt { get; set; }

    [JsonPropertyName("tier")]
    public long? Tier { get; set; }

    [JsonPropertyName("subject")]
    public string? Subject { get; set; }

    [JsonPropertyName("email")]
    public string? Email { get; set; }

    [JsonPropertyName("issuer")]
    public string? Issuer { get; set; }

    [JsonPropertyName("client_id")]
    public string? ClientId { get; set; }

    [JsonPropertyName("token_endpoint")]
    public string? TokenEndpoint { get; set; }

    [JsonPropertyName("revocation_endpoint")]
    public string? RevocationEndpoint { get; set; }

    [JsonPropertyName("reauth_reason")]
    public string? ReauthReason { get; set; }

    public static CredentialFile From(Credential credential) => new()
    {
        Version = CurrentVersion,
        Source = credential.Source,
        AccessToken = credential.AccessToken,
        RefreshToken = credential.RefreshToken,
        IdToken = credential.IdToken,
        ExpiresAt = credential.ExpiresAt.ToUnixTimeSeconds(),
        ObtainedAt = credential.ObtainedAt.ToUnixTimeSeconds(),
        Tier = credential.Tier,
        Subject = credential.Subject,
        Email = credential.Email,
        Issuer = credential.Issuer,
        ClientId = credential.ClientId,
        TokenEndpoint = credential.TokenEndpoint,
        RevocationEndpoint = credential.RevocationEndpoint,
        ReauthReason = credential.ReauthReason,
    };

    /// <summary>The credential, or null when a required field is missing or out of range.</summary>
    public Credential? ToCredential()
    {
        if (string.IsNullOrEmpty(Source) || string.IsNullOrEmpty(AccessToken) || ExpiresAt <= 0 || ExpiresAt > 253402300799 || ObtainedAt < 0 || ObtainedAt > 253402300799)
        {
            return null;
        }

        return new Credential
        {
            Source = Source,
            AccessToken = AccessToken,
            RefreshToken = string.IsNullOrEmpty(RefreshToken) ? null : RefreshToken,
            IdToken = IdToken,
            ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(ExpiresAt),
            ObtainedAt = DateTimeOffset.FromUnixTimeSeconds(ObtainedAt),
            Tier = Tier,
            Subject = Subject,
            Email = Email,
            Issuer = Issuer,
            ClientId = ClientId,
            TokenEndpoint = TokenEndpoint,
            RevocationEndpoint = RevocationEndpoint,
            ReauthReason = ReauthReason,
        };
    }
}
