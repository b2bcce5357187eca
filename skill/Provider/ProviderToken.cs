using XaiGrok.Onboarding.Protocol;

namespace XaiGrok.Onboarding.Provider;

/// <summary>
/// The provider's stdout, trimmed: a bare token, or JSON <c>{access_token, refresh_token?, expires_in?}</c>
/// (GROK-CLI-AUTH.md, "stdout Token Format").
/// </summary>
internal sealed record ProviderToken(string AccessToken, string? RefreshToken, long? ExpiresInSeconds)
{
    public static ProviderToken? Parse(string stdout)
    {
        var text = stdout.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (text.StartsWith('{'))
        {
            using var json = JsonObjectReader.TryParse(System.Text.Encoding.UTF8.GetBytes(text));
            if (json?.String(OAuthConstants.Fields.AccessToken) is not { } access || !TextChecks.IsSecretValue(access, ProviderProcess.MaxStdoutBytes))
            {
                return null;
            }

            long? expiresIn = json.TryInteger(OAuthConstants.Fields.ExpiresIn, out var seconds) && seconds > 0 ? seconds : null;
            var refresh = json.String(OAuthConstants.Fields.RefreshToken) is { } r && TextChecks.IsSecretValue(r) ? r : null;
            return new ProviderToken(access, refresh, expiresIn);
        }

        return TextChecks.IsSecretValue(text, ProviderProcess.MaxStdoutBytes) ? new ProviderToken(text, null, null) : null;
    }

    public override string ToString() => "ProviderToken([redacted])";
}
