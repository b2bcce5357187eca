namespace XaiGrok.Onboarding.Credentials;

/// <summary>What reading <c>auth.json</c> found.</summary>
internal sealed record CredentialRead(Credential? Credential, string? Problem)
{
    public static readonly CredentialRead Missing = new(null, null);

    public static CredentialRead Found(Credential credential) => new(credential, null);

    /// <summary>The file was unusable (and kept aside as <c>auth.json.corrupt</c> when it could be moved).</summary>
    public static CredentialRead Unusable(string problem) => new(null, problem);
}
