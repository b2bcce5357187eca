using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Errors;

namespace XaiGrok.Onboarding.Http;

/// <summary>
/// Where <see cref="BearerHandler"/> gets the credential of one request: a request carries its source in
/// <see cref="BearerRequestOptions.Source"/>, so one handler serves every user of a process.
/// </summary>
internal interface IBearerSource
{
    /// <summary>The bearer to send (to <paramref name="upstreamModel"/> when given: a per-model key wins), or why there is none.</summary>
    Task<Outcome<Bearer>> ResolveAsync(string? upstreamModel, CancellationToken cancellationToken);

    /// <summary>A new bearer after the API refused <paramref name="rejected"/> (a session token) as expired, or why there is none.</summary>
    Task<Outcome<Bearer>> RefreshAsync(Bearer rejected, CancellationToken cancellationToken);
}
