using Microsoft.AspNetCore.Connections;

namespace XaiGrok.Emulator;

/// <summary>
/// Counts the TCP connections Kestrel holds, as a connection middleware: what a client's pool really opened, whatever
/// it says about itself (a test of a connection cap reads <see cref="Peak"/>).
/// </summary>
internal sealed class ConnectionGauge
{
    private readonly Lock gate = new();
    private int open;
    private int peak;
    private int accepted;

    public int Open
    {
        get
        {
            lock (gate)
            {
                return open;
            }
        }
    }

    public int Peak
    {
        get
        {
            lock (gate)
            {
                return peak;
            }
        }
    }

    public int Accepted
    {
        get
        {
            lock (gate)
            {
                return accepted;
            }
        }
    }

    public void ResetPeak()
    {
        lock (gate)
        {
            peak = open;
        }
    }

    public ConnectionDelegate Track(ConnectionDelegate next) => async connection =>
    {
        lock (gate)
        {
            open++;
            accepted++;
            peak = Math.Max(peak, open);
        }

        try
        {
            await next(connection);
        }
        finally
        {
            lock (gate)
            {
                open--;
            }
        }
    };
}
