using XaiGrok.Onboarding.Errors;

namespace XaiGrok.Onboarding.Http;

/// <summary>The one way a 429 becomes <c>rate_limited</c>: the wait the server asked for (30 s when it named none).</summary>
internal static class RateLimitFailure
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);

    public static Failure From(HttpReply reply, string detail, Func<int, string> hint)
    {
        var wait = (int)Math.Ceiling((reply.RetryAfter ?? DefaultWait).TotalSeconds);
        return new Failure(ErrorCodes.RateLimited, detail, hint(wait)) { RetryAfterSeconds = wait };
    }
}
