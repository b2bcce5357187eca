namespace XaiGrok.Onboarding.Provider;

/// <summary>
/// The provider lines heard during one public call, whichever service ran the provider (status, models, chat,
/// login): the call's result carries them as <c>provider_messages</c>, on success as on failure. Flows with the call
/// (an <see cref="AsyncLocal{T}"/>), so concurrent calls of one host each keep their own.
/// </summary>
internal sealed class ProviderMessageLog
{
    private static readonly AsyncLocal<ProviderMessageLog?> Ambient = new();
    private readonly Lock gate = new();
    private readonly List<string> lines = [];

    /// <summary>The log of the call in progress, if any.</summary>
    public static ProviderMessageLog? Current => Ambient.Value;

    /// <summary>Starts the log for a call (an async method's change of it ends with that method).</summary>
    public static ProviderMessageLog Begin() => Ambient.Value = new ProviderMessageLog();

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (gate)
            {
                return [.. lines];
            }
        }
    }

    /// <summary>Replaces what one provider run said (a call that runs it twice keeps the last run's lines).</summary>
    public void StartRun()
    {
        lock (gate)
        {
            lines.Clear();
        }
    }

    public void Add(string line)
    {
        lock (gate)
        {
            lines.Add(line);
        }
    }
}
