using Microsoft.Extensions.DependencyInjection;

namespace XaiGrok.Onboarding;

/// <summary>Puts a person's xAI subscription under a named or typed client of <c>IHttpClientFactory</c>.</summary>
public static class XaiGrokHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds the authenticating handler to the client: each request is sent with its user's token (refreshed when due,
    /// refreshed and retried once on an expired-token answer). With a registered <see cref="GrokPlatform"/>, the user is
    /// found per request, never per handler: <see cref="GrokPlatform.UserIdOption"/> on the request, else
    /// <paramref name="resolveUser"/> (given the request and the handler's service provider, e.g. to read the signed-in
    /// user from <c>IHttpContextAccessor</c>); a request with neither is refused with a 401 and never sent; and the
    /// client sends through the platform's one connection pool. With only a single-person <see cref="GrokOnboarding"/>
    /// registered, every request is that person's.
    /// </summary>
    public static IHttpClientBuilder AddXaiGrokAuthentication(this IHttpClientBuilder builder, Func<HttpRequestMessage, IServiceProvider, string?>? resolveUser = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddHttpMessageHandler(services => services.GetService<GrokPlatform>() is { } platform
            ? platform.CreateHttpHandler(resolveUser is null ? null : request => resolveUser(request, services))
            : services.GetRequiredService<GrokOnboarding>().CreateHttpHandler());
        builder.ConfigurePrimaryHttpMessageHandler(services => services.GetService<GrokPlatform>() is { } platform
            ? platform.Stack.NewTransport()
            : new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        return builder;
    }
}
