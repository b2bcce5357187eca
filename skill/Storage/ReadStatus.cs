namespace XaiGrok.Onboarding.Storage;

/// <summary>What <see cref="SafeFile.Read"/> found.</summary>
internal enum ReadStatus
{
    /// <summary>Nothing at that path.</summary>
    NotFound,

    /// <summary>A regular file, read whole.</summary>
    Ok,

    /// <summary>Something is there but it is not safe or not possible to read it; see the reason.</summary>
    Refused,
}
