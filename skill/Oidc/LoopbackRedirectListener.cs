using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Protocol;
using Names = XaiGrok.Onboarding.Protocol.OAuthConstants.Parameters;

namespace XaiGrok.Onboarding.Oidc;

/// <summary>
/// The loopback redirect of RFC 8252 §7.3: listens on 127.0.0.1 at a free port the system picks (or the fixed one a client was registered with), waits for the one
/// redirect to <c>/callback</c> that carries the expected <c>state</c>, shows a short page, and closes. A plain
/// <see cref="TcpListener"/> with a request-line parser: it needs no URL ACLs and no HTTP stack of its own.
/// Requests are served concurrently, because browsers open spare connections they may never use. Connections still
/// waiting for their request are bounded: when one more arrives, the oldest waiting one is dropped, so idle connections
/// (a browser's spares, or a local process holding the port) can never keep the real redirect out.
/// </summary>
internal sealed class LoopbackRedirectListener : IAsyncDisposable
{
    /// <summary>Wrong-state redirects tolerated before the sign-in is stopped (each may be a forged request).</summary>
    public const int MaxRejectedAttempts = 3;

    /// <summary>Connections kept while they have not sent their request; one more drops the oldest.</summary>
    public const int MaxWaitingConnections = 8;

    /// <summary>How long a connection may take to send its request and read the page (on the injected clock).</summary>
    public static readonly TimeSpan ConnectionTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Our own redirect path, part of the redirect URI a client is registered with; not a protocol string.</summary>
    public const string CallbackPath = "/callback";

    private const int MaxHeadBytes = 8 * 1024;

    private readonly TcpListener listener;
    private readonly byte[] expectedState;
    private readonly ExpectedIssuer? expectedIssuer;
    private readonly TimeProvider clock;
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource<Outcome<string>> result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task acceptLoop;
    private int finished;
    private int completed;
    private readonly Lock gate = new();
    private readonly LinkedList<CancellationTokenSource> waiting = new();
    private int rejected;

    private LoopbackRedirectListener(TcpListener listener, string expectedState, ExpectedIssuer? expectedIssuer, TimeProvider clock)
    {
        this.listener = listener;
        this.expectedState = Encoding.UTF8.GetBytes(expectedState);
        this.expectedIssuer = expectedIssuer;
        this.clock = clock;
        RedirectUri = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}{CallbackPath}");
        acceptLoop = AcceptLoopAsync();
    }

    /// <summary><c>http://127.0.0.1:{port}/callback</c>: an IP literal, not <c>localhost</c>, as §8.3 advises.</summary>
    public Uri RedirectUri { get; }

    public int RejectedAttempts => Volatile.Read(ref rejected);

    /// <param name="expectedState">The <c>state</c> sent in the authorization request.</param>
    /// <param name="clock">For the per-connection timeout.</param>
    /// <param name="expectedIssuer">RFC 9207: the issuer the response must name in <c>iss</c> (when it names one, or always when promised).</param>
    /// <param name="port">The port to listen on, for a client registered with a fixed redirect port; 0 lets the system pick a free one.</param>
    /// <exception cref="SocketException">The port is taken (or not allowed).</exception>
    public static LoopbackRedirectListener Start(string expectedState, TimeProvider clock, ExpectedIssuer? expectedIssuer = null, int port = 0)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return new LoopbackRedirectListener(listener, expectedState, expectedIssuer, clock);
    }

    /// <summary>The authorization code, or why there is none. The caller's cancellation throws.</summary>
    public async Task<Outcome<string>> WaitForCodeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await result.Task.WaitAsync(timeout, clock, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Complete(OidcFailures.TimedOut(timeout));
            return await result.Task.ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Complete(OidcFailures.Closed());
        await acceptLoop.ConfigureAwait(false);
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = ServeAsync(client, Admit());
        }
    }

    /// <summary>A place among the waiting connections for a new one, made by dropping the oldest when they are all taken.</summary>
    private LinkedListNode<CancellationTokenSource> Admit()
    {
        var slot = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        CancellationTokenSource? dropped = null;
        LinkedListNode<CancellationTokenSource> node;
        lock (gate)
        {
            if (waiting.Count >= MaxWaitingConnections)
            {
                dropped = waiting.First!.Value;
                waiting.RemoveFirst();
            }

            node = waiting.AddLast(slot);
        }

        // Cancelled outside the lock: the dropped connection's continuation may run here and come back for the lock.
        try
        {
            dropped?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // It ended on its own meanwhile.
        }

        return node;
    }

    /// <summary>The connection sent its request (or ended): it no longer holds a waiting place.</summary>
    private void Leave(LinkedListNode<CancellationTokenSource> place)
    {
        lock (gate)
        {
            if (place.List is not null)
            {
                waiting.Remove(place);
            }
        }
    }

    private async Task ServeAsync(TcpClient client, LinkedListNode<CancellationTokenSource> place)
    {
        try
        {
            using var owned = client;
            using var slot = place.Value;
            using var timeout = new CancellationTokenSource(ConnectionTimeout, clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, slot.Token);
            var stream = client.GetStream();
            var head = await ReadHeadAsync(stream, linked.Token).ConfigureAwait(false);
            Leave(place);
            var answer = Decide(head is null ? null : CallbackRequest.TryParse(head));
            try
            {
                await stream.WriteAsync(CallbackPage.Render(answer.Status, answer.Message), linked.Token).ConfigureAwait(false);
                client.Client.Shutdown(SocketShutdown.Send);
            }
            finally
            {
                // The code counts even when the browser went away before reading the page.
                if (answer.Final is { } final)
                {
                    Complete(final);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            Leave(place);
        }
    }

    private CallbackAnswer Decide(CallbackRequest? request)
    {
        if (request is null)
        {
            return new CallbackAnswer(400, "This is not a request the sign-in understands.");
        }

        if (request.Method != "GET")
        {
            return new CallbackAnswer(405, "Only GET is answered here.");
        }

        if (request.Path != CallbackPath)
        {
            return new CallbackAnswer(404, "Nothing here.");
        }

        if (request.HasRepeatedParameter || !IsExpectedState(request.Parameter(Names.State)))
        {
            var count = Interlocked.Increment(ref rejected);
            return count >= MaxRejectedAttempts && Claim()
                ? new CallbackAnswer(400, "This sign-in was stopped: too many redirects that belong to no sign-in in progress.", OidcFailures.TooManyWrongStates(count))
                : new CallbackAnswer(400, "This redirect does not belong to the sign-in in progress; it was ignored.");
        }

        if (!Claim())
        {
            return new CallbackAnswer(400, "This sign-in is already finished.");
        }

        // RFC 9207 §2.4: checked before the code or the error is looked at, for both kinds of response (mix-up defence).
        if (expectedIssuer is { } issuer && request.Parameter(Names.Issuer) is var iss
            && (iss is null ? issuer.Promised : !string.Equals(iss, issuer.Identifier, StringComparison.Ordinal)))
        {
            return new CallbackAnswer(400, "This sign-in answer comes from another server than the one asked; it was not used.", OidcFailures.WrongIssuer(missing: iss is null));
        }

        if (request.Parameter(Names.Error) is { } error)
        {
            var code = TextChecks.IsErrorCode(error) ? error : "an invalid error code";
            return new CallbackAnswer(400, $"The sign-in did not succeed ({code}). You can close this window.", OidcFailures.Refused(code, request.Parameter(Names.ErrorDescription)));
        }

        return request.Parameter(Names.Code) is { } authorizationCode
            ? new CallbackAnswer(200, CallbackPage.Success, authorizationCode)
            : new CallbackAnswer(400, "The sign-in did not succeed. You can close this window.", OidcFailures.NoCode());
    }

    private bool IsExpectedState(string? state) =>
        state is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(state), expectedState);

    private bool Claim() => Interlocked.CompareExchange(ref finished, 1, 0) == 0;

    // The first outcome wins; the listening socket closes at once, so a replayed redirect finds nobody listening.
    private void Complete(Outcome<string> outcome)
    {
        Volatile.Write(ref finished, 1);
        if (Interlocked.Exchange(ref completed, 1) == 0)
        {
            // Closed before the result is published, so whoever sees the result finds the port already shut.
            stopping.Cancel();
            listener.Stop();
            result.TrySetResult(outcome);
        }
    }

    private static async Task<byte[]?> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxHeadBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                return buffer[..length];
            }
        }

        return null;
    }
}
