using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using XaiGrok.Onboarding.Reliability.Worker;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>
/// The system calls of one real credential write, seen with strace: the temp file is fsynced before the rename, and
/// the folder is opened and fsynced after it. Skipped where strace is missing or not allowed to trace.
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait("Category", "Reliability")]
[SupportedOSPlatform("linux")]
public sealed partial class FolderFlushTraceTests
{
    [Fact]
    public async Task CredentialWrite_UnderStrace_FsyncsTheTempFile_RenamesIt_ThenFsyncsTheFolder()
    {
        using var home = new TestHome();
        var progress = Path.Combine(home.Parent, "progress");
        File.WriteAllBytes(progress, new byte[sizeof(long)]);
        var trace = Path.Combine(home.Parent, "strace.log");
        var info = CliRunner.DotnetStartInfo(WorkerProcess.Dll, new Dictionary<string, string>(), WorkerProtocol.WriteVerb, home.Path, progress, "1");
        info.ArgumentList.Insert(0, info.FileName);
        foreach (var option in new[] { "-f", "-o", trace, "-e", "trace=openat,open,fsync,fdatasync,rename,renameat,renameat2" }.Reverse())
        {
            info.ArgumentList.Insert(0, option);
        }

        info.FileName = "strace";
        Process? traced = null;
        try
        {
            traced = Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No strace on this machine.
        }

        Assert.SkipWhen(traced is null, "strace is not installed");
        using (traced)
        {
            var stdout = traced.StandardOutput.ReadToEndAsync(Figures.Ct);
            var stderr = traced.StandardError.ReadToEndAsync(Figures.Ct);
            await traced.WaitForExitAsync(Figures.Ct);
            Assert.SkipWhen(!File.Exists(trace) || (await stderr).Contains("ptrace", StringComparison.Ordinal), $"strace cannot trace here: {await stderr}");
            Assert.True(traced.ExitCode == 0, $"exit {traced.ExitCode}: {await stdout} {await stderr}");
        }

        var calls = File.ReadAllLines(trace);
        var rename = Array.FindIndex(calls, line => RenameToAuthJson().IsMatch(line));
        Assert.True(rename > 0, "no rename of a temp file to auth.json in the trace");
        var temp = RenameToAuthJson().Match(calls[rename]).Groups["temp"].Value;

        var tempFd = Opened(calls, 0, rename, temp);
        Assert.True(FsyncOf(calls, tempFd.Line + 1, rename, tempFd.Fd), "the temp file was not fsynced before the rename");
        var folderFd = Opened(calls, rename + 1, calls.Length, home.Path);
        Assert.Contains("O_RDONLY", calls[folderFd.Line], StringComparison.Ordinal);
        Assert.True(FsyncOf(calls, folderFd.Line + 1, calls.Length, folderFd.Fd), "the folder was not fsynced after the rename");
        Figures.Report("folder flush: strace of one credential write shows fsync(temp) -> rename -> open(folder, O_RDONLY) -> fsync(folder)");
    }

    /// <summary>The first successful open of <paramref name="path"/> in [from, to): its line and descriptor.</summary>
    private static (int Line, string Fd) Opened(string[] calls, int from, int to, string path)
    {
        for (var i = from; i < to; i++)
        {
            var open = OpenCall().Match(calls[i]);
            if (open.Success && open.Groups["path"].Value == path)
            {
                return (i, open.Groups["fd"].Value);
            }
        }

        Assert.Fail($"{path} was not opened");
        return default;
    }

    private static bool FsyncOf(string[] calls, int from, int to, string fd) =>
        calls[from..to].Any(line => line.Contains($"fsync({fd})", StringComparison.Ordinal) && line.TrimEnd().EndsWith("= 0", StringComparison.Ordinal));

    [GeneratedRegex("""rename(?:at2?)?\((?:AT_FDCWD, )?"(?<temp>[^"]*/\.auth\.json\.[0-9a-f]{16}\.tmp)", (?:AT_FDCWD, )?"[^"]*/auth\.json"(?:, 0)?\) = 0""")]
    private static partial Regex RenameToAuthJson();

    [GeneratedRegex("""open(?:at)?\((?:AT_FDCWD, )?"(?<path>[^"]*)", [^)]*\) = (?<fd>\d+)""")]
    private static partial Regex OpenCall();
}
