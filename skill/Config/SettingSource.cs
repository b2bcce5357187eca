namespace XaiGrok.Onboarding.Config;

/// <summary>Where one setting's value came from, for <c>status</c>: never the value itself.</summary>
/// <param name="Kind">One of <see cref="Variable"/>, <see cref="File"/>, <see cref="Default"/>.</param>
/// <param name="Name">The environment variable, or the file's path.</param>
/// <param name="Line">The line in the file (1-based).</param>
internal sealed record SettingSource(string Kind, string? Name = null, int? Line = null)
{
    public const string Variable = "variable";
    public const string File = "file";
    public const string Default = "default";

    public static SettingSource None { get; } = new(Default);
}
