using System.Text;
using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Parsing;
using Tomlyn.Serialization;
using Tomlyn.Syntax;
using XaiGrok.Onboarding.Errors;

namespace XaiGrok.Onboarding.Config;

/// <summary>
/// Reads the Grok CLI's <c>config.toml</c> with Tomlyn, read only: the file may be the person's own
/// <c>~/.grok/config.toml</c>, so it is never written, created or re-moded. Unknown sections and keys are ignored; a
/// syntax error or a known key of the wrong type is a problem naming the file, the line and the key, never the value
/// (it may be an API key). A file holding an <c>api_key</c> that other users can read is refused whole.
/// </summary>
internal static class ConfigTomlReader
{
    private const int MaxBytes = 1024 * 1024;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The file's settings (null when there is no file), and what is wrong with it.</summary>
    /// <param name="path">The file.</param>
    /// <param name="named">The person named it (<c>XAI_GROK_CONFIG</c>): then a missing file is a problem too.</param>
    public static (ConfigToml? Config, InvalidSetting? Problem) Read(string path, bool named)
    {
        var loaded = Load(path, named);
        if (loaded.Problem is not null || loaded.Text is null)
        {
            return (null, loaded.Problem);
        }

        var parsed = Parse(loaded.Text, path);
        if (parsed.Problem is not null)
        {
            return (null, parsed.Problem);
        }

        var config = parsed.Config!;
        if ((loaded.Mode & GroupOrOther) != 0 && config.Models.Values.Any(model => model.Entry.ApiKey is not null))
        {
            return (null, new InvalidSetting(
                path,
                $"{path} holds an api_key and other users can read it (mode {Storage.OwnerOnly.Octal(loaded.Mode)}), so it is not used")
            {
                Code = ErrorCodes.CredentialStoreError,
                Hint = $"Make it private: chmod 600 '{path}' (or name the key's variable with env_key instead of api_key). Nothing in it was used.",
            });
        }

        return (config, null);
    }

    private static (string? Text, UnixFileMode Mode, InvalidSetting? Problem) Load(string path, bool named)
    {
        try
        {
            if (Directory.Exists(path))
            {
                return (null, default, Unreadable(path, "is a folder, not a file"));
            }

            // Length 0 is an empty file, or a FIFO or device that opening would block on: neither holds settings.
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                return (null, default, named ? Unreadable(path, "does not exist") : null);
            }

            if (file.Length > MaxBytes)
            {
                return (null, default, Unreadable(path, $"is {file.Length} bytes, more than the {MaxBytes} a config.toml may have"));
            }

            if (file.Length == 0)
            {
                return ("", default, null);
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

            // The mode of the very file read (fstat on the handle), not of whatever the path names a moment later.
            var mode = OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(stream.SafeFileHandle) & (UnixFileMode)0x1FF;
            var buffer = new byte[MaxBytes + 1];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (read > MaxBytes)
            {
                return (null, default, Unreadable(path, $"is more than the {MaxBytes} bytes a config.toml may have"));
            }

            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer, 0, read);
            return (text.TrimStart('\uFEFF'), mode, null);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, default, named ? Unreadable(path, "does not exist") : null);
        }
        catch (DecoderFallbackException)
        {
            return (null, default, Unreadable(path, "is not UTF-8 text"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, default, Unreadable(path, $"cannot be read ({e.GetType().Name})"));
        }
    }

    private static (ConfigToml? Config, InvalidSetting? Problem) Parse(string text, string path)
    {
        // The syntax tree checks what the model builder lets pass (a key defined twice) and knows each node's line.
        var document = SyntaxParser.Parse(text, path, validate: true);
        if (document.HasErrors)
        {
            var error = document.Diagnostics.First(message => message.Kind == DiagnosticMessageKind.Error);
            var line = error.Span.Start.Line;
            return (null, ConfigTomlProblem.At(path, line + 1, KeyAt(document, line), ConfigTomlProblem.Quiet(error.Message)));
        }

        var store = new TomlMetadataStore();
        var context = new ConfigTomlContext(new TomlSerializerOptions { MetadataStore = store, SourceName = path, MaxDepth = 32 });
        TomlTable root;
        try
        {
            root = TomlSerializer.Deserialize(text, context.TomlTable) ?? new TomlTable();
        }
        catch (TomlException e)
        {
            return (null, ConfigTomlProblem.At(path, e.Line ?? 0, null, ConfigTomlProblem.Quiet(e.Message)));
        }

        return new ConfigTomlModel(path, store).Read(root);
    }

    private static string? KeyAt(DocumentSyntax document, int line)
    {
        static string? Find(SyntaxList<KeyValueSyntax> items, int line) =>
            items.FirstOrDefault(item => item.Span.Start.Line <= line && line <= item.Span.End.Line)?.Key?.ToString().Trim();

        if (Find(document.KeyValues, line) is { } top)
        {
            return top;
        }

        foreach (var table in document.Tables)
        {
            var name = table.Name?.ToString().Trim();
            if (table.Span.Start.Line == line)
            {
                return name;
            }

            if (Find(table.Items, line) is { } key)
            {
                return $"{name}.{key}";
            }
        }

        return null;
    }

    private static InvalidSetting Unreadable(string path, string problem) =>
        new(path, $"{path} {problem}") { Hint = ConfigTomlProblem.Hint(path) };
}
