namespace XaiGrok.Emulator;

/// <summary>Pending faults, first added first used; each is removed once it has hit its count of requests.</summary>
internal sealed class FaultList
{
    private readonly Lock gate = new();
    private readonly List<(EmulatorFault Fault, int Remaining)> faults = [];

    public void Add(EmulatorFault fault)
    {
        ArgumentException.ThrowIfNullOrEmpty(fault.PathPrefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(fault.Count, 1);
        if (fault.CutStreamAfterEvents is { } cut)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(cut, nameof(fault.CutStreamAfterEvents));
        }

        lock (gate)
        {
            faults.Add((fault, fault.Count));
        }
    }

    public EmulatorFault? Take(string path)
    {
        lock (gate)
        {
            var index = faults.FindIndex(f => path.StartsWith(f.Fault.PathPrefix, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }

            var (fault, remaining) = faults[index];
            if (remaining == 1)
            {
                faults.RemoveAt(index);
            }
            else
            {
                faults[index] = (fault, remaining - 1);
            }

            return fault;
        }
    }
}
