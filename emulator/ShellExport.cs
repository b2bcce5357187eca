using System.Buffers;

namespace XaiGrok.Emulator;

/// <summary>
/// An <c>export NAME=value</c> line a person pastes into a POSIX shell (or a script sources): a shell variable that is
/// not exported never reaches the CLI the shell starts. Values are single-quoted when they hold anything but safe
/// characters (a temp folder may hold a space).
/// </summary>
internal static class ShellExport
{
    private static readonly SearchValues<char> Safe =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./:@%+=,-");

    public static string Line(string name, string value) =>
        $"export {name}={(value.Length > 0 && !value.AsSpan().ContainsAnyExcept(Safe) ? value : Quoted(value))}";

    private static string Quoted(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
