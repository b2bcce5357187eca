using Microsoft.Extensions.Logging;
using XaiGrok.Onboarding.Caching;
using XaiGrok.Onboarding.Discovery;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Secrets;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Platform;

/// <summary>
/// What every user of a platform shares: one connection pool (<see cref="SocketsHttpHandler"/> capped at
/// <c>maxConnectionsPerServer</c>), one <see cref="HttpClient"/> with its logging handler, one set of Polly pipelines,
/// one discovery cache per issuer, one logger factory. Nothing in it belongs to a user: a user's secrets and logger
/// travel with each request (<see cref="LoggingHandler.LoggerOption"/>), so no user's token can stick to a pooled part.
/// </summary>
internal sealed class PlatformStack : IDisposable
{
    private readonly HttpMessageHandler primary;
    private readonly HttpClient client;
    private readonly HttpMessageInvoker transport;
    private readonly ResiliencePipelines pipelines;
    private readonly TimeProvider clock;

    public PlatformStack(HttpLimits limits, int maxConnectionsPerServer, TimeSpan discoveryTtl, ILoggerFactory logging, string stateRoot, TimeProvider clock, HttpMessageHandler? primaryHandler = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConnectionsPerServer, 1);
        Limits = limits;
        this.clock = clock;

        // Lines that belong to no user (retries, the pool) carry no token, but pass the same net as everything else.
        Logging = logging;
        HttpLog = new RedactingLoggerFactory(logging, PlatformSecrets).CreateLogger("XaiGrok.Onboarding.Http");
        primary = primaryHandler ?? HttpClientBuilder.Transport(limits, maxConnectionsPerServer);

        // The same client set-up as one instance's (the bearer handler outermost: it reads each request's own user).
        client = HttpClientBuilder.Create(limits, primary, HttpLog, clock);
        transport = new HttpMessageInvoker(primary, disposeHandler: false);
        pipelines = new ResiliencePipelines(limits, clock, HttpLog);
        Discovery = new DiscoveryCache(clock, discoveryTtl);
        Root = new UnchangedFileCache<StateDirectory>(Path.TrimEndingDirectorySeparator(Path.GetFullPath(stateRoot)), StateDirectory.Open, TimeProvider.System);
    }

    public HttpLimits Limits { get; }

    /// <summary>The host's logger factory, unredacted: each runtime wraps it with its own user's secrets.</summary>
    public ILoggerFactory Logging { get; }

    /// <summary>Values no single user owns (none today); the net for the stack's own lines.</summary>
    public SecretRegistry PlatformSecrets { get; } = new();

    public DiscoveryCache Discovery { get; }

    /// <summary>The stack's own HTTP logger, for lines of no user (retries) and requests that name none.</summary>
    public ILogger HttpLog { get; }

    /// <summary>The root folder of the per-user folders (0700), checked before a user's folder is made in it.</summary>
    public UnchangedFileCache<StateDirectory> Root { get; }

    /// <summary>A sender for one user over the shared client: its credentials go to that user's registry and log lines.</summary>
    public HttpSender SenderFor(SecretRegistry secrets, ILogger logger) => new(client, pipelines, Limits, clock, secrets, logger);

    /// <summary>
    /// The shared pool as the innermost handler of a host's own client; disposing that client leaves the pool open.
    /// </summary>
    public HttpMessageHandler NewTransport() => new SharedTransport(transport);

    public void Dispose()
    {
        client.Dispose();
        transport.Dispose();
        primary.Dispose();
    }
}
