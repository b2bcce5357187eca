using System.Text;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Platform;

/// <summary>
/// One platform user's state folder under the root: <c>u-HASH/</c> (0700) with the module's usual files, and
/// <c>user-id</c> (0600), the id the folder was made for, so that the root can be listed by user.
/// </summary>
internal static class UserFolder
{
    public const string IdFileName = "user-id";

    private const int MaxIdFileBytes = 4 * PlatformUserId.MaxLength + 16;

    public static string PathFor(string root, string userId) => Path.Combine(root, PlatformUserId.FolderName(userId));

    /// <summary>Writes the id file when it is missing (the folder exists and was checked).</summary>
    public static void Label(string folder, string userId)
    {
        var path = Path.Combine(folder, IdFileName);
        if (!File.Exists(path))
        {
            AtomicFile.Write(path, Encoding.UTF8.GetBytes(userId));
        }
    }

    /// <summary>The id a folder was made for, when its id file is there, readable and matches the folder's name.</summary>
    public static string? IdOf(string folder)
    {
        var read = SafeFile.Read(Path.Combine(folder, IdFileName), MaxIdFileBytes);
        if (read.Status != ReadStatus.Ok)
        {
            return null;
        }

        var id = Encoding.UTF8.GetString(read.Content);

        // A file copied or edited into another user's folder names someone else: it is not believed.
        return PlatformUserId.Problem(id) is null && string.Equals(PlatformUserId.FolderName(id), Path.GetFileName(folder), StringComparison.Ordinal) ? id : null;
    }
}
