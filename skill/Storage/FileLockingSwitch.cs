namespace XaiGrok.Onboarding.Storage;

/// <summary>
/// .NET on Unix can be told to skip flock for FileShare.None, which would silently turn the credential
/// lock into nothing; this reads that setting the way the runtime does.
/// </summary>
internal static class FileLockingSwitch
{
    public const string AppContextSwitch = "System.IO.DisableFileLocking";
    public const string EnvironmentVariable = "DOTNET_SYSTEM_IO_DISABLEFILELOCKING";

    public static bool IsDisabled =>
        !OperatingSystem.IsWindows()
        && IsDisabledBy(
            AppContext.TryGetSwitch(AppContextSwitch, out var disabled) ? disabled : null,
            Environment.GetEnvironmentVariable(EnvironmentVariable));

    internal static bool IsDisabledBy(bool? appContextSwitch, string? environmentValue) =>
        appContextSwitch
        ?? (environmentValue is not null
            && (environmentValue == "1" || environmentValue.Equals("true", StringComparison.OrdinalIgnoreCase)));
}
