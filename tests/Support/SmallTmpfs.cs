using System.Diagnostics;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Support;

/// <summary>
/// A real, tiny file system (a tmpfs of a few KiB) for disk-full tests, and a filler file that takes its free space
/// page by page. Mounting needs root (CI runs as root): as root a failed mount fails the test; as another user the
/// test is skipped with the reason, never silently.
/// </summary>
public sealed class SmallTmpfs : IDisposable
{
    public const int PageBytes = 4096;

    private readonly FileStream filler;

    private SmallTmpfs(string mountPoint)
    {
        MountPoint = mountPoint;
        filler = new FileStream(Path.Combine(mountPoint, "filler"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
    }

    public string MountPoint { get; }

    /// <summary>Free bytes as the file system counts them (whole pages).</summary>
    public long FreeBytes => new DriveInfo(MountPoint).AvailableFreeSpace;

    public static SmallTmpfs Mount(int sizeBytes)
    {
        var mountPoint = Path.Combine(Path.GetTempPath(), "xgo-tests", "tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(mountPoint);
        var (exit, output) = Run("mount", "-t", "tmpfs", "-o", $"size={sizeBytes},mode=0700", "tmpfs", mountPoint);
        if (exit != 0)
        {
            Directory.Delete(mountPoint);
            Assert.SkipWhen(!Environment.IsPrivilegedProcess, $"mounting a {sizeBytes}-byte tmpfs needs root (CI runs as root): {output}");
            Assert.Fail($"mount -t tmpfs failed as root (exit {exit}): {output}");
        }

        return new SmallTmpfs(mountPoint);
    }

    /// <summary>Grows the filler until the file system is full, then gives back <paramref name="pages"/> pages.</summary>
    public void LeaveFreePages(int pages)
    {
        FillUp();
        var keep = Math.Max(0, filler.Length - ((long)pages * PageBytes));
        filler.SetLength(keep);
        filler.Flush(flushToDisk: true);
    }

    /// <summary>Takes every free byte.</summary>
    public void FillUp()
    {
        var page = new byte[PageBytes];
        filler.Seek(0, SeekOrigin.End);
        try
        {
            while (true)
            {
                filler.Write(page);
                filler.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            // ENOSPC: full. A partial page may be buffered; drop it by cutting to whole pages written.
            filler.SetLength(filler.Length / PageBytes * PageBytes);
        }
    }

    /// <summary>Gives every byte of the filler back.</summary>
    public void Empty()
    {
        filler.SetLength(0);
        filler.Flush(flushToDisk: true);
    }

    public void Dispose()
    {
        filler.Dispose();
        Run("umount", "-l", MountPoint);
        try
        {
            Directory.Delete(MountPoint, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static (int Exit, string Output) Run(string file, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Trim());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
