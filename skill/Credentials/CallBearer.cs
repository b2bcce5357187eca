using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;

namespace XaiGrok.Onboarding.Credentials;

/// <summary>
/// The credential of one call, resolved before it: every attempt, a failover and the failure's wording use the bearer
/// the call last sent (the first one, or the one a refresh brought). Belongs to one call; never shared.
/// </summary>
internal sealed class CallBearer(IBearerSource source, Bearer resolved) : IBearerSource
{
    public Bearer Current { get; private set; } = resolved;

    public Task<Outcome<Bearer>> ResolveAsync(string? upstreamModel, CancellationToken cancellationToken) =>
        Task.FromResult<Outcome<Bearer>>(Current);

    public async Task<Outcome<Bearer>> RefreshAsync(Bearer rejected, CancellationToken cancellationToken)
    {
        var renewed = await source.RefreshAsync(rejected, cancellationToken).ConfigureAwait(false);
        if (renewed.IsSuccess)
        {
            Current = renewed.Value;
        }

        return renewed;
    }
}
