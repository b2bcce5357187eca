namespace XaiGrok.Onboarding.Oidc;

/// <summary>
/// The variables a browser sign-in's issuer and client id come from, so that every hint names the ones the person
/// set: <c>GROK_OIDC_*</c> for enterprise OIDC, <c>XAI_OAUTH_*</c> for xAI's own sign-in.
/// </summary>
internal sealed record SettingNames(string Issuer, string ClientId)
{
    public static readonly SettingNames Enterprise = new(Config.EnvironmentVariables.OidcIssuer, Config.EnvironmentVariables.OidcClientId);

    public static readonly SettingNames Xai = new(Config.EnvironmentVariables.Issuer, Config.EnvironmentVariables.ClientId);

    /// <summary>The failure with its hint naming these variables (the failures are written with the enterprise ones).</summary>
    public Errors.Failure Relabel(Errors.Failure failure) => ReferenceEquals(this, Enterprise) || failure.Hint is not { } hint
        ? failure
        : failure with
        {
            Hint = hint
                .Replace(Enterprise.Issuer, Issuer, StringComparison.Ordinal)
                .Replace(Enterprise.ClientId, ClientId, StringComparison.Ordinal),
        };
}
