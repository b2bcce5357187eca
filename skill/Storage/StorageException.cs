namespace XaiGrok.Onboarding.Storage;

/// <summary>
/// A store could not be used safely: a file in the state folder, or another store (a database). The message names the
/// path, what is wrong and what to do; it never carries file contents (they hold tokens). Callers map it to
/// <c>credential_store_error</c>.
/// </summary>
internal sealed class StorageException : Exception
{
    public StorageException(string path, string message, Exception? innerException = null, string? hint = null)
        : base(message, innerException)
    {
        Path = path;
        Hint = hint;
    }

    /// <summary>The file or folder the failure is about (or a store's own name for what failed, e.g. a table).</summary>
    public string Path { get; }

    /// <summary>
    /// What to do, from a store that is not the state folder (whose hints speak of folders, disks and
    /// <c>XAI_GROK_HOME</c>); null for the files.
    /// </summary>
    public string? Hint { get; }
}
