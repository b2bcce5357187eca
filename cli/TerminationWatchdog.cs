namespace XaiGrok.Onboarding.Cli;

/// <summary>
/// SIGTERM for one CLI call: the first one cancels the verb (as Ctrl-C does) so it ends cleanly; if the verb has not
/// ended after <paramref name="grace"/> (something it waits on ignores cancellation, such as a read from a pipe that
/// stays open), <paramref name="overdue"/> ends the process. A second SIGTERM gets the default action.
/// </summary>
internal sealed class TerminationWatchdog(CancellationTokenSource verb, TimeProvider clock, TimeSpan grace, Action overdue) : IDisposable
{
    /// <summary>
    /// How long a cancelled verb, and the process exit after it, get before the process is ended: time for a refresh
    /// that was already sent to be stored (the exit waits for it), inside the 5 s a SIGTERM is promised to take.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(4);

    private readonly Lock gate = new();
    private ITimer? timer;
    private bool requested;
    private bool finished;
    private bool untilExit;

    /// <summary>Whether SIGTERM arrived.</summary>
    public bool Requested
    {
        get
        {
            lock (gate)
            {
                return requested;
            }
        }
    }

    /// <summary>Handles a SIGTERM: true when it was the first during the verb (handled here), else false (the default action).</summary>
    public bool Request()
    {
        lock (gate)
        {
            if (requested || finished)
            {
                return false;
            }

            requested = true;
            timer = clock.CreateTimer(_ => Overdue(), null, grace, Timeout.InfiniteTimeSpan);
        }

        try
        {
            verb.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The verb had finished already.
        }

        return true;
    }

    /// <summary>
    /// The verb answered a SIGTERM and the process is about to exit: the deadline stays armed, so an exit that waits
    /// (for a refresh in flight to be stored) still ends within the grace.
    /// </summary>
    public void KeepUntilExit()
    {
        lock (gate)
        {
            untilExit = requested;
        }
    }

    /// <summary>The verb ended (and its result is printed): nothing is cut short any more, unless kept until exit.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (untilExit)
            {
                return;
            }

            finished = true;
            timer?.Dispose();
        }
    }

    private void Overdue()
    {
        lock (gate)
        {
            if (finished)
            {
                return;
            }
        }

        overdue();
    }
}
