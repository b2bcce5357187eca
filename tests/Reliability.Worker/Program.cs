using System.Globalization;
using XaiGrok.Onboarding.Reliability.Worker;

return args switch
{
    [WorkerProtocol.WriteVerb, var home, var progress, var count] =>
        await CrashWriter.RunAsync(home, progress, long.Parse(count, CultureInfo.InvariantCulture)),
    [WorkerProtocol.RoundsVerb] => await RefreshRounds.RunAsync(),
    [WorkerProtocol.HoldLockVerb, var lockFile, var milliseconds, var times] =>
        await LockHolder.RunAsync(lockFile, TimeSpan.FromMilliseconds(int.Parse(milliseconds, CultureInfo.InvariantCulture)), int.Parse(times, CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine($"usage: {WorkerProtocol.WriteVerb} HOME PROGRESS-FILE COUNT | {WorkerProtocol.RoundsVerb} | {WorkerProtocol.HoldLockVerb} LOCK-FILE MILLISECONDS TIMES");
    return 2;
}
