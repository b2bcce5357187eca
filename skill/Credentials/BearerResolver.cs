using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Protocol;
using XaiGrok.Onboarding.Secrets;
using XaiGrok.Onboarding.Session;

namespace XaiGrok.Onboarding.Credentials;

/// <summary>
/// Picks the token for an API call, in the Grok CLI's order: a per-model key, then the active session token (from
/// the external provider, enterprise OIDC or xAI OAuth), then <c>XAI_API_KEY</c>. Whatever it picks is added to
/// <c>secrets</c>, also for a host's own HTTP client, whose requests do not pass the module's sender. The source of
/// <see cref="BearerHandler"/> for the user it serves.
/// </summary>
internal sealed class BearerResolver(SessionManager session, ModelKeys modelKeys, string? apiKey, SecretRegistry? secrets = null) : IBearerSource
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

    /// <summary>
    /// Refreshes the session whose token the API refused as expired. A sibling that refreshed meanwhile is adopted
    /// without a request (<see cref="SessionManager.RefreshAsync"/>); a key cannot be refreshed.
    /// </summary>
    public async Task<Outcome<Bearer>> RefreshAsync(Bearer rejected, CancellationToken cancellationToken)
    {
        if (rejected.Session is not { } seen)
        {
            return new Failure(ErrorCodes.ApiKeyRejected, "xAI rejected the API key; a key cannot be refreshed.", "Check XAI_API_KEY, or the per-model key in config.toml (or config.json).");
        }

        var renewed = await session.RefreshAsync(seen, force: true, cancellationToken).ConfigureAwait(false);
        if (!renewed.IsSuccess)
        {
            return renewed.Failure;
        }

        secrets?.Add(renewed.Value.AccessToken);
        return new Bearer(renewed.Value.AccessToken, renewed.Value.Source, renewed.Value);
    }

    private async Task<Outcome<Bearer>> PickAsync(string? upstreamModel, CancellationToken cancellationToken)
    {
        if (upstreamModel is not null && modelKeys.For(upstreamModel) is { } modelKey)
        {
            return ApiKey(modelKey.Value, modelKey.Origin);
        }

        var usable = await session.GetUsableAsync(cancellationToken).ConfigureAwait(false);
        if (usable.IsSuccess)
        {
            return new Bearer(usable.Value.AccessToken, usable.Value.Source, usable.Value);
        }

        return apiKey is not null ? ApiKey(apiKey, Config.EnvironmentVariables.ApiKey) : usable.Failure;
    }

    // A key travels in an Authorization header, where anything but visible ASCII fails far from its cause (or splits
    // the header): it is refused here, naming where it came from, before any request.
    private static Outcome<Bearer> ApiKey(string key, string origin) => TextChecks.IsOpaqueValue(key)
        ? new Bearer(key, CredentialSources.ApiKey, null)
        : new Failure(
            ErrorCodes.InvalidConfiguration,
            $"{origin} is not a key that can be sent: it holds a character outside visible ASCII (an accent, a space, a line break or a control character), or is longer than 8 KiB.",
            $"Set {origin} to the key exactly as console.x.ai shows it.");
}
