using System.Text;

namespace XaiGrok.Onboarding.Tests.Support;

/// <summary>Lines a process printed, from its reader threads, read whole for a scan or a failure message.</summary>
internal sealed class PrintedLines
{
    private readonly StringBuilder lines = new();
    private readonly Lock gate = new();

    public string Text
    {
        get
        {
            lock (gate)
            {
                return lines.ToString();
            }
        }
    }

    public void Add(string line)
    {
        lock (gate)
        {
            lines.AppendLine(line);
        }
    }
}
