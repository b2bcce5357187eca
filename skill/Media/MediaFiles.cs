using System.Globalization;
using System.Security.Cryptography;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Media;

/// <summary>
/// Where generated media go: the path the caller gave (a file, or a folder when it ends with a separator or is one), or
/// the state folder's <c>media/</c> (0700). Every file is written atomically as 0600.
/// </summary>
internal sealed class MediaFiles(StatePaths paths, TimeProvider clock)
{
    /// <summary>The paths for <paramref name="count"/> images; with one path given for several, each gets -1, -2, ... before its extension.</summary>
    public IReadOnlyList<string> ImagePaths(string? outPath, int count, string extension)
    {
        if (FolderOf(outPath) is { } folder)
        {
            var stem = "image-" + clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
            return [.. Enumerable.Range(1, count).Select(index => Path.Join(folder, $"{stem}-{index}{extension}"))];
        }

        var file = Path.GetFullPath(outPath!);
        if (count == 1)
        {
            return [file];
        }

        var name = Path.Join(Path.GetDirectoryName(file), Path.GetFileNameWithoutExtension(file));
        var given = Path.GetExtension(file);
        return [.. Enumerable.Range(1, count).Select(index => $"{name}-{index}{(given.Length > 0 ? given : extension)}")];
    }

    /// <summary>The path for the video of <paramref name="requestId"/>.</summary>
    public string VideoPath(string? outPath, string requestId) =>
        FolderOf(outPath) is { } folder ? Path.Join(folder, $"video-{requestId}.mp4") : Path.GetFullPath(outPath!);

    /// <summary>Makes the folder <paramref name="file"/> goes in: <c>media/</c> as 0700 under the state folder's rules, another one as the caller's umask says.</summary>
    public void PrepareFolderFor(string file)
    {
        var folder = Path.GetDirectoryName(file)!;
        if (Path.TrimEndingDirectorySeparator(folder) == Path.TrimEndingDirectorySeparator(Path.GetFullPath(paths.MediaFolder)))
        {
            StateDirectory.Open(folder);
        }
        else
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>True when <paramref name="file"/> is in the state folder's <c>media/</c>, not a path the caller chose.</summary>
    public bool IsOwn(string file) =>
        Path.TrimEndingDirectorySeparator(Path.GetDirectoryName(file) ?? "") == Path.TrimEndingDirectorySeparator(Path.GetFullPath(paths.MediaFolder));

    private string? FolderOf(string? outPath)
    {
        if (string.IsNullOrWhiteSpace(outPath))
        {
            return Path.GetFullPath(paths.MediaFolder);
        }

        return outPath.EndsWith(Path.DirectorySeparatorChar) || outPath.EndsWith(Path.AltDirectorySeparatorChar) || Directory.Exists(outPath)
            ? Path.GetFullPath(outPath)
            : null;
    }
}
