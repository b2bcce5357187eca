using XaiGrok.Onboarding.Errors;

namespace XaiGrok.Onboarding.Http;

/// <summary>What a request tells <see cref="BearerHandler"/>, and what the handler tells the sender back.</summary>
internal static class BearerRequestOptions
{
    /// <summary>The credential source; a request without one is not an API call and passes the handler untouched.</summary>
    public static readonly HttpRequestOptionsKey<IBearerSource> Source = new("XaiGrok.Onboarding.BearerSource");

    /// <summary>The upstream model the request calls, for a per-model key.</summary>
    public static readonly HttpRequestOptionsKey<string> UpstreamModel = new("XaiGrok.Onboarding.UpstreamModel");

    /// <summary>Set by the handler when no bearer could be had or renewed: that failure, not the answer, is the outcome.</summary>
    public static readonly HttpRequestOptionsKey<Failure> Failure = new("XaiGrok.Onboarding.BearerFailure");

    /// <summary>Marks <paramref name="request"/> as an API call that carries a bearer from <paramref name="source"/>.</summary>
    public static HttpRequestMessage Authenticated(this HttpRequestMessage request, IBearerSource source, string? upstreamModel = null)
    {
        request.Options.Set(Source, source);
        if (upstreamModel is not null)
        {
            request.Options.Set(UpstreamModel, upstreamModel);
        }

        return request;
    }
}
