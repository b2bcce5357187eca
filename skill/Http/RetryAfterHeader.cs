using System.Net.Http.Headers;

namespace XaiGrok.Onboarding.Http;

/// <summary>Reads <c>Retry-After</c> as seconds or as an HTTP date (RFC 9110 §10.2.3), never negative.</summary>
internal static class RetryAfterHeader
{
    public static TimeSpan? Read(RetryConditionHeaderValue? header, TimeProvider clock)
    {
        if (header is null)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - clock.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
