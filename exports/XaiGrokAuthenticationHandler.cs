using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Runtime;

namespace XaiGrok.Onboarding;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that lets any OpenAI-compatible .NET client call xAI with the person's
/// subscription: it sets the bearer from the credential resolver (replacing whatever key the client put there),
/// refreshes before expiry, and on a 401 (or a 403 <c>unauthenticated:bad-credentials</c>) refreshes once and
/// retries once. When there is no credential it answers 401 itself, with the reason in an OpenAI-style error body.
/// </summary>
public sealed class XaiGrokAuthenticationHandler : DelegatingHandler
{
    private readonly OnboardingRuntime runtime;

    // The rule itself is the engine's own bearer handler, the one its chat, models and media calls go through.
    internal XaiGrokAuthenticationHandler(OnboardingRuntime runtime, HttpMessageHandler inner)
        : base(new BearerHandler(new HttpLimits().MaxBodyBytes) { InnerHandler = inner }) => this.runtime = runtime;

    /// <inheritdoc/>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Config.InvalidSetting.FailureFor(runtime.Options.InvalidSettings) is { } misconfigured)
        {
            return Task.FromResult(AuthenticationRefusal.For(misconfigured, request));
        }

        return base.SendAsync(request.Authenticated(runtime.Bearers), cancellationToken);
    }
}
