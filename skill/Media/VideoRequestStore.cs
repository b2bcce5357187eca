using System.Text.Json;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Media;

/// <summary>
/// Video requests on disk, one file each, written atomically; callers hold <see cref="StatePaths.VideoLock"/> to change
/// them. A file that does not parse is not offered to <c>poll</c>.
/// </summary>
internal sealed class VideoRequestStore(StatePaths paths)
{
    private const int MaxFileBytes = 16 * 1024;

    /// <summary>An id that is safe in a file name and a URL path: letters, digits, <c>-</c> and <c>_</c>.</summary>
    public static bool IsWellFormedId(string requestId) =>
        requestId.Length is > 0 and <= 128 && requestId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public void Save(VideoRequest request)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(VideoRequestFile.From(request), StateJsonContext.Default.VideoRequestFile);
        AtomicFile.Write(paths.VideoRequestFile(request.RequestId), bytes);
    }

    public VideoRequest? Load(string requestId)
    {
        if (!IsWellFormedId(requestId))
        {
            return null;
        }

        var read = SafeFile.Read(paths.VideoRequestFile(requestId), MaxFileBytes);
        if (read.Status != ReadStatus.Ok)
        {
            return null;
        }

        try
        {
            var request = JsonSerializer.Deserialize(read.Content, StateJsonContext.Default.VideoRequestFile)?.ToRequest();
            return request?.RequestId == requestId ? request : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Every readable video request, newest first.</summary>
    public IReadOnlyList<VideoRequest> All()
    {
        if (!Directory.Exists(paths.Home))
        {
            return [];
        }

        var requests = new List<VideoRequest>();
        foreach (var file in Directory.EnumerateFiles(paths.Home, StatePaths.VideoPrefix + "*.json"))
        {
            if (Load(Path.GetFileNameWithoutExtension(file)[StatePaths.VideoPrefix.Length..]) is { } request)
            {
                requests.Add(request);
            }
        }

        return [.. requests.OrderByDescending(request => request.CreatedAt)];
    }

    public void Remove(string requestId)
    {
        if (IsWellFormedId(requestId))
        {
            SafeFile.Delete(paths.VideoRequestFile(requestId));
        }
    }
}
