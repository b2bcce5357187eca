using System.Net;
using Microsoft.Extensions.Logging;

namespace XaiGrok.Onboarding.Http;

/// <summary>
/// The one <see cref="HttpClient"/> set-up: redirects are never followed (a redirected discovery or token request
/// is refused, not chased), no cookies, a connect timeout, our User-Agent, and the bearer of an API call set and
/// refreshed by <see cref="BearerHandler"/>. Timeouts per attempt and in total are the pipeline's, so the client's
/// own timeout is off.
/// </summary>
internal static class HttpClientBuilder
{
    public static HttpClient Create(HttpLimits limits, HttpMessageHandler? innerHandler = null, ILogger? logger = null, TimeProvider? clock = null)
    {
        var handler = innerHandler ?? Transport(limits);

        // The bearer handler is outermost, so that the refused attempt and its retry are each logged.
        HttpMessageHandler logged = logger is null ? handler : new LoggingHandler(logger, clock ?? TimeProvider.System) { InnerHandler = handler };
        var client = new HttpClient(new BearerHandler(limits.MaxBodyBytes) { InnerHandler = logged }, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent.Value);
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        return client;
    }

    /// <summary>The connection pool: one per process for a platform (capped per server), one per instance otherwise.</summary>
    public static SocketsHttpHandler Transport(HttpLimits limits, int? maxConnectionsPerServer = null)
    {
        var transport = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = limits.ConnectTimeout,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (maxConnectionsPerServer is { } cap)
        {
            transport.MaxConnectionsPerServer = cap;
        }

        return transport;
    }
}
