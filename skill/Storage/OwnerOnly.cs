namespace XaiGrok.Onboarding.Storage;

/// <summary>The Unix modes for credentials: only their owner may touch them.</summary>
internal static class OwnerOnly
{
    public const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode WritableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>The mode as people write it for chmod, e.g. 0755.</summary>
    public static string Octal(UnixFileMode mode) =>
        Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
