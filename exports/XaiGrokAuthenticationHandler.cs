using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Runtime;

namespace XaiGrok.Onboarding;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that lets any OpenAI-compatible .NET client call xAI with the person's
/// subscription: it sets the bearer from the credential resolver (replacing whatever key the client put there),
/// refreshes before expiry, and on a 401 (or a 403 <c>unauthenticated:bad-credentials</c>) refreshes once and
/// retries once. When there is no credential it answers 401 itself, with the reason in an OpenAI-style error body.
/// It works as the outermost handler of a client of your own (it brings its transport) and inside
/// <c>IHttpClientFactory</c> (which gives it one). On a platform it holds no user: each request names its own
/// (<see cref="GrokPlatform.UserIdOption"/> or the resolver given to <c>AddXaiGrokAuthentication</c>), so a pooled
/// handler never carries one user's token to another's request.
/// </summary>
public sealed class XaiGrokAuthenticationHandler : DelegatingHandler
{
    private readonly Func<HttpRequestMessage, Outcome<OnboardingRuntime>> runtimeFor;
    private readonly Func<HttpMessageHandler>? defaultTransport;
    private readonly Lock gate = new();
    private readonly HttpMessageInvoker rule;

    internal XaiGrokAuthenticationHandler(Func<HttpRequestMessage, Outcome<OnboardingRuntime>> runtimeFor, Func<HttpMessageHandler>? defaultTransport)
    {
        this.runtimeFor = runtimeFor;
        this.defaultTransport = defaultTransport;

        // The rule itself is the engine's own bearer handler, the one its chat, models and media calls go through. It
        // sends through this handler's inner handler, which IHttpClientFactory sets after construction (so none is
        // set here: the factory refuses a handler that already has one).
        rule = new HttpMessageInvoker(new BearerHandler(new HttpLimits().MaxBodyBytes) { InnerHandler = new ToInner(this) }, disposeHandler: true);
    }

    /// <inheritdoc/>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        EnsureTransport();
        var found = runtimeFor(request);
        if (!found.IsSuccess)
        {
            return Task.FromResult(AuthenticationRefusal.For(found.Failure, request));
        }

        var runtime = found.Value;
        runtime.Touch();
        request.Options.Set(LoggingHandler.LoggerOption, runtime.HttpLog);
        if (Config.InvalidSetting.FailureFor(runtime.Options.InvalidSettings) is { } misconfigured)
        {
            return Task.FromResult(AuthenticationRefusal.For(misconfigured, request));
        }

        return rule.SendAsync(request.Authenticated(runtime.Bearers), cancellationToken);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            rule.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Used alone (<c>new HttpClient(handler)</c>), the handler has no inner handler: it takes its transport before the
    /// first request. <c>IHttpClientFactory</c> sets one itself and refuses a handler that already has one.
    /// </summary>
    private void EnsureTransport()
    {
        if (InnerHandler is not null || defaultTransport is null)
        {
            return;
        }

        lock (gate)
        {
            InnerHandler ??= defaultTransport();
        }
    }

    private Task<HttpResponseMessage> SendToInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    /// <summary>The last step of the bearer rule: this handler's own inner handler.</summary>
    private sealed class ToInner(XaiGrokAuthenticationHandler owner) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            owner.SendToInnerAsync(request, cancellationToken);
    }
}
