namespace XaiGrok.Onboarding.Storage;

/// <summary>
/// A file in the state folder could not be used safely. The message names the path, what is wrong and
/// what to do; it never carries file contents (they hold tokens). Callers map it to <c>credential_store_error</c>.
/// </summary>
internal sealed class StorageException : Exception
{
    public StorageException(string path, string message, Exception? innerException = null)
        : base(message, innerException) => Path = path;

    /// <summary>The file or folder the failure is about.</summary>
    public string Path { get; }
}
