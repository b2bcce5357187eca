namespace XaiGrok.Onboarding.Platform;

/// <summary>
/// Forwards to the platform's one connection pool. A handler chain owns its innermost handler and disposes it with
/// the <see cref="HttpClient"/>; this one is a stand-in whose disposal leaves the pool to the platform.
/// </summary>
internal sealed class SharedTransport(HttpMessageInvoker pool) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        pool.SendAsync(request, cancellationToken);
}
