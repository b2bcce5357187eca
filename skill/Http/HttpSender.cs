using System.Buffers;
using Polly.Timeout;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Secrets;
using XaiGrok.Onboarding.Telemetry;

namespace XaiGrok.Onboarding.Http;

/// <summary>
/// Sends a request through the pipeline for its kind and turns every transport problem into a
/// <see cref="Failure"/> (<c>network_error</c>). Only the caller's own cancellation escapes as an exception.
/// Every credential a request carries (its bearer, its secret form fields) is added to <see cref="Secrets"/> before
/// it leaves, so that whatever the server echoes of it is cut out of logs and results. <paramref name="logger"/>, when
/// given, travels with each request (<see cref="LoggingHandler.LoggerOption"/>): on a shared client it is how the one
/// logging handler redacts with this user's secrets.
/// </summary>
internal sealed class HttpSender(HttpClient client, ResiliencePipelines pipelines, HttpLimits limits, TimeProvider clock, SecretRegistry? secrets = null, Microsoft.Extensions.Logging.ILogger? logger = null)
{
    public HttpLimits Limits => limits;

    /// <summary>The credentials this instance holds or sent.</summary>
    public SecretRegistry Secrets { get; } = secrets ?? new SecretRegistry();

    /// <summary>
    /// Sends the request. With <paramref name="streamOnSuccess"/>, a success comes back with its body unread in
    /// <see cref="HttpReply.OpenResponse"/> (the caller reads and disposes it); an error answer is read as usual.
    /// </summary>
    public async Task<Outcome<HttpReply>> SendAsync(Func<HttpRequestMessage> buildRequest, RequestKind kind, CancellationToken cancellationToken, bool streamOnSuccess = false)
    {
        string host = "the server";
        try
        {
            var reply = await pipelines.For(kind).ExecuteAsync(
                async token =>
                {
                    using var request = buildRequest();
                    host = request.RequestUri?.Authority ?? host;
                    var started = clock.GetTimestamp();
                    try
                    {
                        var reply = await AttemptAsync(request, streamOnSuccess, token).ConfigureAwait(false);
                        TelemetryRecorder.Http(request, (int)reply.StatusCode, null, clock.GetElapsedTime(started));
                        return reply;
                    }
                    catch (Exception exception) when (Measured(request, exception, started))
                    {
                        throw;
                    }
                },
                cancellationToken).ConfigureAwait(false);
            return reply.CredentialFailure is { } failure ? failure : reply;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException)
        {
            return new Failure(ErrorCodes.NetworkError, $"{host} did not answer in time.", Hints.CheckNetwork);
        }
        catch (OperationCanceledException)
        {
            return new Failure(ErrorCodes.NetworkError, $"the connection to {host} timed out.", Hints.CheckNetwork);
        }
        catch (HttpRequestException exception)
        {
            return new Failure(ErrorCodes.NetworkError, $"could not reach {host} ({Describe(exception.HttpRequestError)}).", Hints.CheckNetwork);
        }
    }

    private async Task<HttpReply> AttemptAsync(HttpRequestMessage request, bool streamOnSuccess, CancellationToken token)
    {
        await RememberCredentialsAsync(request, token).ConfigureAwait(false);
        if (logger is not null)
        {
            request.Options.Set(LoggingHandler.LoggerOption, logger);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
        if (request.Options.TryGetValue(BearerRequestOptions.Failure, out var credentialFailure))
        {
            response.Dispose();
            return new HttpReply(response.StatusCode, [], null, null) { CredentialFailure = credentialFailure };
        }

        var retryAfter = RetryAfterHeader.Read(response.Headers.RetryAfter, clock);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (streamOnSuccess && response.IsSuccessStatusCode)
        {
            return new HttpReply(response.StatusCode, [], mediaType, retryAfter) { OpenResponse = response };
        }

        using var owned = response;
        if (response.Content.Headers.ContentLength > limits.MaxBodyBytes)
        {
            return new HttpReply(response.StatusCode, [], mediaType, retryAfter) { BodyTooLarge = true };
        }

        // Read in bounded chunks: a server that sends no length, or more than it said, is cut off at the limit. The
        // chunk is pooled and the buffer sized from the length when there is one: a chat answer is read once per call.
        await using var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
        using var buffer = new MemoryStream((int)Math.Min(response.Content.Headers.ContentLength ?? 0, limits.MaxBodyBytes));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, token).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limits.MaxBodyBytes)
                {
                    return new HttpReply(response.StatusCode, [], mediaType, retryAfter) { BodyTooLarge = true };
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return new HttpReply(response.StatusCode, buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray(), mediaType, retryAfter);
    }

    // An exception filter that records and never catches: the exception goes on as if it were not there.
    private bool Measured(HttpRequestMessage request, Exception exception, long started)
    {
        var type = exception switch
        {
            // The values .NET's own System.Net.Http meter uses for the same instrument.
            HttpRequestException { HttpRequestError: var error } when error != HttpRequestError.Unknown => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(error.ToString()),
            _ => exception.GetType().FullName,
        };
        TelemetryRecorder.Http(request, null, type, clock.GetElapsedTime(started));
        return false;
    }

    private async Task RememberCredentialsAsync(HttpRequestMessage request, CancellationToken token)
    {
        Secrets.Add(request.Headers.Authorization?.Parameter);
        if (request.Content is FormUrlEncodedContent form)
        {
            foreach (var (name, value) in RequestRedaction.FormPairs(await form.ReadAsStringAsync(token).ConfigureAwait(false)))
            {
                if (!RequestRedaction.IsHarmlessFormField(name))
                {
                    Secrets.Add(value);
                }
            }
        }
    }

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "the host name did not resolve",
        HttpRequestError.ConnectionError => "the connection failed",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        HttpRequestError.ResponseEnded => "the connection closed before the answer was complete",
        HttpRequestError.InvalidResponse => "the answer was not valid HTTP",
        _ => "transport error",
    };
}
