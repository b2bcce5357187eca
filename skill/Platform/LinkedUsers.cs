using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Platform;

/// <summary>
/// Lists the users with a stored session from the folders under the root (not from memory): what every replica that
/// shares the root sees, whoever signed the user in. A folder without a believable id file, or without a credential,
/// is not a connected user and is left out.
/// </summary>
internal static class LinkedUsers
{
    public static IReadOnlyList<LinkedUser> Read(string root, TimeProvider clock, TimeSpan lockTimeout)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        var users = new List<LinkedUser>();
        foreach (var folder in Directory.EnumerateDirectories(root, PlatformUserId.FolderPrefix + "*"))
        {
            if (new FileInfo(folder).LinkTarget is not null || UserFolder.IdOf(folder) is not { } userId)
            {
                continue;
            }

            // Read without the registry of secrets: the tokens are looked at for their claims and dropped at once.
            if (new CredentialStore(new StatePaths(folder), clock, lockTimeout).Read().Credential is { } credential)
            {
                users.Add(new LinkedUser(userId, credential.Source, credential.Subject, credential.Email, credential.Tier, credential.ExpiresAt, credential.NeedsReauth));
            }
        }

        users.Sort(static (a, b) => string.CompareOrdinal(a.UserId, b.UserId));
        return users;
    }
}
