using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Secrets;
using XaiGrok.Onboarding.Session;

namespace XaiGrok.Onboarding.Credentials;

/// <summary>
/// Picks the token for an API call, in the Grok CLI's order: a per-model key, then the active session token (from
/// the external provider, enterprise OIDC or xAI OAuth), then <c>XAI_API_KEY</c>. Whatever it picks is added to
/// <c>secrets</c>, also for a host's own HTTP client, whose requests do not pass the module's sender.
/// </summary>
internal sealed class BearerResolver(SessionManager session, ModelKeys modelKeys, string? apiKey, SecretRegistry? secrets = null)
{
    public async Task<Outcome<Bearer>> ResolveAsync(string? upstreamModel, CancellationToken cancellationToken)
    {
        var resolved = await PickAsync(upstreamModel, cancellationToken).ConfigureAwait(false);
        if (resolved.IsSuccess)
        {
            secrets?.Add(resolved.Value.Token);
        }

        return resolved;
    }

    private async Task<Outcome<Bearer>> PickAsync(string? upstreamModel, CancellationToken cancellationToken)
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
