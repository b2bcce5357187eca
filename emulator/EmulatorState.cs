namespace XaiGrok.Emulator;

/// <summary>What every endpoint shares: options, clock, keys, stores and the origin it listens on.</summary>
internal sealed class EmulatorState(EmulatorOptions options) : IDisposable
{
    public EmulatorOptions Options { get; } = options;
    public TimeProvider Clock => Options.TimeProvider;
    public TokenSigner Signer { get; } = new();
    public AuthorizationStore Store { get; } = new();
    public RequestCounters Counters { get; } = new();
    public FaultList Faults { get; } = new();
    public RequestBodies LastBodies { get; } = new();
    public VideoJobs Videos { get; } = new();
    public ConnectionGauge Connections { get; } = new();

    private int _replyNumber;

    /// <summary>Every secret handed out (tokens, device codes, authorization codes), for leak scans in tests.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> IssuedSecrets { get; } = new();

    /// <summary>Known once Kestrel has bound its port.</summary>
    public string Issuer { get; set; } = "";

    public string Url(string path) => Issuer + path;

    /// <summary>1, 2, 3, ... for the ids of chat answers (chatcmpl-N, resp_N), so they are reproducible.</summary>
    public int NextReplyNumber() => Interlocked.Increment(ref _replyNumber);

    public bool IsAcceptedClient(string clientId) =>
        Options.ExpectedClientId is null || string.Equals(Options.ExpectedClientId, clientId, StringComparison.Ordinal);

    public void Dispose() => Signer.Dispose();
}
