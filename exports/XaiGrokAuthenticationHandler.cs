using System.Net;
using System.Net.Http.Headers;
using System.Text;
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

    internal XaiGrokAuthenticationHandler(Func<HttpRequestMessage, Outcome<OnboardingRuntime>> runtimeFor, Func<HttpMessageHandler>? defaultTransport)
    {
        this.runtimeFor = runtimeFor;
        this.defaultTransport = defaultTransport;
    }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        EnsureTransport();
        var found = runtimeFor(request);
        if (!found.IsSuccess)
        {
            return Refusal(found.Failure.Code, found.Failure.Detail + " " + found.Failure.Hint);
        }

        var runtime = found.Value;
        runtime.Touch();
        request.Options.Set(LoggingHandler.LoggerOption, runtime.HttpLog);
        if (Config.InvalidSetting.FailureFor(runtime.Options.InvalidSettings) is { } misconfigured)
        {
            return Refusal(misconfigured.Code, misconfigured.Detail + " " + misconfigured.Hint);
        }

        var resolved = await runtime.Bearers.ResolveAsync(upstreamModel: null, cancellationToken).ConfigureAwait(false);
        if (!resolved.IsSuccess)
        {
            return Refusal(resolved.Failure.Code, resolved.Failure.Detail + " " + resolved.Failure.Hint);
        }

        // The body is kept so that the one retry after a refresh can send it again.
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var bearer = resolved.Value;
        var response = await base.SendAsync(WithBearer(request, body, bearer.Token, reuse: true), cancellationToken).ConfigureAwait(false);
        if (bearer.Session is not { } session || !await IsExpiredCredentialAsync(response, cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        var refreshed = await runtime.Session.RefreshAsync(session, force: true, cancellationToken).ConfigureAwait(false);
        if (!refreshed.IsSuccess)
        {
            return response;
        }

        response.Dispose();
        return await base.SendAsync(WithBearer(request, body, refreshed.Value.AccessToken, reuse: false), cancellationToken).ConfigureAwait(false);
    }

    private static HttpRequestMessage WithBearer(HttpRequestMessage original, byte[]? body, string token, bool reuse)
    {
        var request = reuse ? original : new HttpRequestMessage(original.Method, original.RequestUri) { Version = original.Version };
        if (!reuse)
        {
            foreach (var header in original.Headers)
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            // The user, the logger and whatever else the caller attached go with the retry.
            var options = (IDictionary<string, object?>)request.Options;
            foreach (var option in original.Options)
            {
                options[option.Key] = option.Value;
            }
        }

        if (body is not null)
        {
            var content = new ByteArrayContent(body);
            foreach (var header in original.Content!.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            request.Content = content;
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
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

    private static async Task<bool> IsExpiredCredentialAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status is not (401 or 403))
        {
            return false;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var reply = new HttpReply(response.StatusCode, bytes, response.Content.Headers.ContentType?.MediaType, null);
        return ApiErrorClassifier.Classify(reply) == ApiErrorKind.CredentialsExpired;
    }

    internal static HttpResponseMessage Refusal(string code, string message)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, string>>
        {
            ["error"] = new() { ["message"] = message, ["code"] = code, ["type"] = "authentication_error" },
        }, ExportsJsonContext.Default.DictionaryStringDictionaryStringString);
        return new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
