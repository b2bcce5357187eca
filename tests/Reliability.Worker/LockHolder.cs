using System.Globalization;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Reliability.Worker;

/// <summary>Takes the real credential lock a few times and says when it held it (system clock ticks, shared by all processes).</summary>
internal static class LockHolder
{
    public static async Task<int> RunAsync(string lockFile, TimeSpan hold, int times)
    {
        var clock = TimeProvider.System;
        await Console.Out.WriteLineAsync(WorkerProtocol.Ready).ConfigureAwait(false);
        if (await Console.In.ReadLineAsync().ConfigureAwait(false) != WorkerProtocol.Go)
        {
            return 2;
        }

        for (var i = 0; i < times; i++)
        {
            using (await CrossProcessLock.AcquireAsync(lockFile, TimeSpan.FromSeconds(30), clock, CancellationToken.None).ConfigureAwait(false))
            {
                await Console.Out.WriteLineAsync(Line(WorkerProtocol.Enter, clock)).ConfigureAwait(false);

                // Real time on purpose: the point is a real hold of a real lock while other processes want it.
                await Task.Delay(hold).ConfigureAwait(false);
                await Console.Out.WriteLineAsync(Line(WorkerProtocol.Leave, clock)).ConfigureAwait(false);
            }
        }

        return 0;
    }

    private static string Line(string word, TimeProvider clock) =>
        string.Create(CultureInfo.InvariantCulture, $"{word} {clock.GetUtcNow().UtcTicks}");
}
