using System.Diagnostics;
using System.Runtime.Versioning;
using Microsoft.Extensions.Time.Testing;
using XaiGrok.Onboarding.Storage;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Storage;

[SupportedOSPlatform("linux")]
public sealed class CrossProcessLockTests : IDisposable
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempFolder temp = new();
    private readonly string lockPath;

    public CrossProcessLockTests() => lockPath = temp.Join("auth.lock");

    public void Dispose() => temp.Dispose();

    [Fact]
    public void TryAcquire_Free_CreatesA0600LockFileThatOutlivesTheLock()
    {
        using (var held = CrossProcessLock.TryAcquire(lockPath))
        {
            Assert.NotNull(held);
            Assert.Equal(lockPath, held.Path);
            Assert.Equal(Mode0600, File.GetUnixFileMode(lockPath));
        }

        Assert.True(File.Exists(lockPath));
    }

    [Fact]
    public void TryAcquire_ReadOnlyLockFileLeftByAStrictUmask_IsSetTo0600()
    {
        File.WriteAllText(lockPath, string.Empty);
        File.SetUnixFileMode(lockPath, UnixFileMode.UserRead);

        using (CrossProcessLock.TryAcquire(lockPath))
        {
            Assert.Equal(Mode0600, File.GetUnixFileMode(lockPath));
        }
    }

    [Fact]
    public void TryAcquire_HeldInThisProcess_ReturnsNullUntilReleased()
    {
        var first = CrossProcessLock.TryAcquire(lockPath);
        Assert.NotNull(first);

        Assert.Null(CrossProcessLock.TryAcquire(lockPath));
        first.Dispose();

        using var second = CrossProcessLock.TryAcquire(lockPath);
        Assert.NotNull(second);
    }

    [Fact]
    public void TryAcquire_SymlinkAtLockPath_IsRefused()
    {
        var planted = temp.Join("planted");
        File.WriteAllText(planted, "planted");
        File.CreateSymbolicLink(lockPath, planted);

        var error = Assert.Throws<StorageException>(() => CrossProcessLock.TryAcquire(lockPath));

        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryAcquire_LockPathIsAFolder_ThrowsStorageException()
    {
        Directory.CreateDirectory(lockPath);

        Assert.Throws<StorageException>(() => CrossProcessLock.TryAcquire(lockPath));
    }

    [Fact(Timeout = 5000)]
    public async Task AcquireAsync_HeldUntilTimeout_FailsWithClearErrorOnTheInjectedClock()
    {
        var clock = new FakeTimeProvider();
        using var holder = CrossProcessLock.TryAcquire(lockPath);

        var acquiring = CrossProcessLock.AcquireAsync(lockPath, TimeSpan.FromSeconds(2), clock, TestContext.Current.CancellationToken);
        var advanced = await AdvanceUntilDone(clock, acquiring);

        var error = await Assert.ThrowsAsync<StorageException>(() => acquiring);
        Assert.Equal(
            $"Could not take the credential lock at {lockPath} within 2 s; another xai-grok-onboarding process holds it. Wait for it to finish, then try again.",
            error.Message);
        Assert.True(advanced >= TimeSpan.FromSeconds(2), $"gave up after {advanced} of fake time");
    }

    [Fact(Timeout = 5000)]
    public async Task AcquireAsync_HolderReleasesWhileWaiting_Acquires()
    {
        var clock = new FakeTimeProvider();
        var holder = CrossProcessLock.TryAcquire(lockPath);

        var acquiring = CrossProcessLock.AcquireAsync(lockPath, TimeSpan.FromSeconds(2), clock, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(acquiring.IsCompleted);
        holder!.Dispose();
        await AdvanceUntilDone(clock, acquiring);

        using var acquired = await acquiring;
        Assert.Null(CrossProcessLock.TryAcquire(lockPath));
    }

    [Fact(Timeout = 5000)]
    public async Task AcquireAsync_Cancelled_ThrowsOperationCanceled()
    {
        var clock = new FakeTimeProvider();
        using var holder = CrossProcessLock.TryAcquire(lockPath);
        using var cancel = new CancellationTokenSource();

        var acquiring = CrossProcessLock.AcquireAsync(lockPath, TimeSpan.FromSeconds(30), clock, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => acquiring);
    }

    [Fact]
    public async Task Lock_HeldByThisProcess_ConflictsWithTheFlockCommand()
    {
        File.WriteAllText(lockPath, string.Empty);

        using (CrossProcessLock.TryAcquire(lockPath))
        {
            Assert.Equal(1, await RunFlockOnce(lockPath));
        }

        Assert.Equal(0, await RunFlockOnce(lockPath));
    }

    [Fact]
    public async Task Lock_IsNotInheritedByAChildProcessStartedWhileHeld()
    {
        var held = CrossProcessLock.TryAcquire(lockPath);
        Assert.NotNull(held);
        using var child = StartShell("exec sleep 30");
        try
        {
            held.Dispose();

            using var again = CrossProcessLock.TryAcquire(lockPath);
            Assert.NotNull(again);
        }
        finally
        {
            child.Kill();
            await child.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact(Timeout = 5000)]
    public async Task Lock_HolderKilledWithSigkill_IsReleasedByTheKernel()
    {
        File.WriteAllText(lockPath, string.Empty);

        // One process (sh replaced by sleep through exec) holds the flock on fd 9, so SIGKILL ends every holder.
        using var holder = StartShell("exec 9<>\"$1\" && flock 9 && echo locked && exec sleep 30", lockPath);
        try
        {
            Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken));
            Assert.Null(CrossProcessLock.TryAcquire(lockPath));
        }
        finally
        {
            holder.Kill();
            await holder.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(128 + 9, holder.ExitCode);
        using var acquired = CrossProcessLock.TryAcquire(lockPath);
        Assert.NotNull(acquired);
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData(null, "1", true)]
    [InlineData(null, "TRUE", true)]
    [InlineData(null, "0", false)]
    [InlineData(false, "1", false)]
    [InlineData(true, null, true)]
    public void FileLockingSwitch_ReadsSwitchThenEnvironment(bool? appContextSwitch, string? environment, bool disabled)
    {
        Assert.Equal(disabled, FileLockingSwitch.IsDisabledBy(appContextSwitch, environment));
    }

    private static async Task<TimeSpan> AdvanceUntilDone(FakeTimeProvider clock, Task task)
    {
        var step = TimeSpan.FromMilliseconds(50);
        var advanced = TimeSpan.Zero;
        while (!task.IsCompleted)
        {
            clock.Advance(step);
            advanced += step;
            await Task.Yield();
        }

        return advanced;
    }

    private static async Task<int> RunFlockOnce(string path)
    {
        using var flock = Process.Start("flock", ["--nonblock", path, "true"]);
        await flock.WaitForExitAsync(TestContext.Current.CancellationToken);
        return flock.ExitCode;
    }

    private static Process StartShell(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("sh");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }
}
