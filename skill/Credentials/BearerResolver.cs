using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Session;

namespace XaiGrok.Onboarding.Credentials;

/// <summary>
/// Picks the token for an API call, in the Grok CLI's order: a per-model key, then the active session token (from
/// the external provider, enterprise OIDC or xAI OAuth), then <c>XAI_API_KEY</c>.
/// </summary>
internal sealed class BearerResolver(SessionManager session, ModelKeys modelKeys, string? apiKey)
{
    public async Task<Outcome<Bearer>> ResolveAsync(string? upstreamModel, CancellationToken cancellationToken)
    {
        if (upstreamModel is not null && modelKeys.For(upstreamModel) is { } modelKey)
        {
            return new Bearer(modelKey, CredentialSources.ApiKey, null);
        }

        var usable = await session.GetUsableAsync(cancellationToken).ConfigureAwait(false);
        if (usable.IsSuccess)
        {
            return new Bearer(usable.Value.AccessToken, usable.Value.Source, usable.Value);
        }

        return apiKey is not null ? new Bearer(apiKey, CredentialSources.ApiKey, null) : usable.Failure;
    }
}
