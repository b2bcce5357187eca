namespace XaiGrok.Emulator;

/// <summary>Pending faults, first added first used; each is removed once it has hit its count of requests.</summary>
internal sealed class FaultList
{
    private readonly Lock _gate = new();
    private readonly List<(EmulatorFault Fault, int Remaining)> _faults = [];

    public void Add(EmulatorFault fault)
    {
        ArgumentException.ThrowIfNullOrEmpty(fault.PathPrefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(fault.Count, 1);
        if (fault.CutStreamAfterEvents is { } cut)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(cut, nameof(fault.CutStreamAfterEvents));
        }

        lock (_gate)
        {
            _faults.Add((fault, fault.Count));
        }
    }

    public EmulatorFault? Take(string path)
    {
        lock (_gate)
        {
            var index = _faults.FindIndex(f => path.StartsWith(f.Fault.PathPrefix, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }

            var (fault, remaining) = _faults[index];
            if (remaining == 1)
            {
                _faults.RemoveAt(index);
            }
            else
            {
                _faults[index] = (fault, remaining - 1);
            }

            return fault;
        }
    }
}
