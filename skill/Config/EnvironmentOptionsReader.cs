using System.Globalization;
using Microsoft.Extensions.Logging;

namespace XaiGrok.Onboarding.Config;

/// <summary>
/// Builds <see cref="OnboardingOptions"/> from environment variables. A URL or a number that does not parse is an
/// invalid setting (<see cref="OnboardingOptions.InvalidSettings"/>): every call then fails with
/// <c>invalid_configuration</c> naming the variable, because a default put in its place would send the sign-in, or
/// the person's token, to an endpoint nobody chose. Only a log level that does not parse keeps the default, with a
/// warning: it changes what is logged, never where anything is sent. Beneath the variables lies the Grok CLI's
/// <c>config.toml</c> (<see cref="ConfigTomlReader"/>): a variable wins over the file key by key, and a problem in the
/// file stops every call just as a variable that does not parse does.
/// </summary>
internal static class EnvironmentOptionsReader
{
    public static OnboardingOptions Read(Func<string, string?> lookup)
    {
        var defaults = new OnboardingOptions();
        var warnings = new List<string>();
        var invalid = new List<InvalidSetting>();

        string? Value(string name) => lookup(name) is { } raw && !string.IsNullOrWhiteSpace(raw) ? raw.Trim() : null;

        Uri ReadUri(string name, Uri fallback)
        {
            if (Value(name) is not { } text)
            {
                return fallback;
            }

            if (Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out var uri) && EndpointRules.IsAllowedTransport(uri) && uri.Host.Length > 0)
            {
                return uri;
            }

            invalid.Add(new(name, $"{name} ({Shown(text)}) is not an absolute https URL (plain http only on loopback)"));
            return fallback;
        }

        TimeSpan ReadSeconds(string name, TimeSpan fallback)
        {
            if (Value(name) is not { } text)
            {
                return fallback;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }

            invalid.Add(new(name, $"{name} ({Shown(text)}) is not a whole number of seconds"));
            return fallback;
        }

        int? ReadPort(string name)
        {
            if (Value(name) is not { } text)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
            {
                return port;
            }

            invalid.Add(new(name, $"{name} ({Shown(text)}) is not a port number from 1 to 65535"));
            return null;
        }

        long ReadByteCount(string name, long fallback)
        {
            if (Value(name) is not { } text)
            {
                return fallback;
            }

            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0)
            {
                return bytes;
            }

            invalid.Add(new(name, $"{name} ({Shown(text)}) is not a positive whole number of bytes"));
            return fallback;
        }

        TimeSpan? ReadPositiveSeconds(string name) => ReadPositiveCount(name) is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

        int? ReadPositiveCount(string name)
        {
            if (Value(name) is not { } text)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
            {
                return count;
            }

            invalid.Add(new(name, $"{name} ({Shown(text)}) is not a positive whole number"));
            return null;
        }

        // The Grok CLI's names (RUST_LOG, GROK_LOG_FILE) stand in for ours when ours are unset.
        LogLevel ReadLogLevel()
        {
            if (Value(EnvironmentVariables.LogLevel) is { } text)
            {
                if (Logging.LogLevelNames.TryParse(text, out var level))
                {
                    return level;
                }

                warnings.Add($"{EnvironmentVariables.LogLevel} is not one of {Logging.LogLevelNames.Accepted}; using error");
                return defaults.LogLevel;
            }

            if (Value(EnvironmentVariables.RustLog) is { } rust)
            {
                if (Logging.RustLogFilter.TryParse(rust, out var level))
                {
                    return level;
                }

                warnings.Add($"{EnvironmentVariables.RustLog} names no level in each of its directives (e.g. debug, or info,xai=trace); using error");
            }

            return defaults.LogLevel;
        }

        var home = Value(EnvironmentVariables.Home) is { } homeText ? ExpandHome(homeText) : defaults.Home;
        var namedConfig = Value(EnvironmentVariables.Config);
        var (file, fileProblem) = ConfigTomlReader.Read(namedConfig is null ? Path.Combine(home, ConfigTomlKeys.FileName) : ExpandHome(namedConfig), named: namedConfig is not null);
        if (fileProblem is not null)
        {
            invalid.Add(fileProblem);
        }

        // The Grok CLI's order: a variable wins over the file, the file over the default; status says which gave each.
        var sources = new Dictionary<string, SettingSource>(StringComparer.Ordinal);
        T? Layered<T>(string setting, string variable, Func<T?> fromVariable, T? fromFile)
        {
            if (Value(variable) is not null)
            {
                sources[setting] = new SettingSource(SettingSource.Variable, variable);
                return fromVariable();
            }

            sources[setting] = fromFile is not null && file!.Lines.TryGetValue(setting, out var line)
                ? new SettingSource(SettingSource.File, file.Path, line)
                : SettingSource.None;
            return fromFile;
        }

        var apiBase = ReadUri(EnvironmentVariables.ApiBaseUrl, defaults.ApiBaseUrl);
        apiBase = ReadUri(EnvironmentVariables.ChatProxyBaseUrl, apiBase);

        return defaults with
        {
            Issuer = ReadUri(EnvironmentVariables.Issuer, defaults.Issuer),
            ClientId = Value(EnvironmentVariables.ClientId),
            Scopes = Value(EnvironmentVariables.Scopes) ?? defaults.Scopes,
            OAuthRedirectPort = ReadPort(EnvironmentVariables.OAuthRedirectPort),
            ApiBaseUrl = apiBase,
            Home = home,
            ModelsCacheTtl = ReadSeconds(EnvironmentVariables.ModelsCacheTtl, defaults.ModelsCacheTtl),
            EarlyRefresh = ReadSeconds(EnvironmentVariables.EarlyInvalidation, defaults.EarlyRefresh),
            ApiKey = Value(EnvironmentVariables.ApiKey),
            ProviderCommand = Layered(Names[0], EnvironmentVariables.ProviderCommand, () => Value(EnvironmentVariables.ProviderCommand), file?.ProviderCommand),
            ProviderLabel = Layered(Names[1], EnvironmentVariables.ProviderLabel, () => Value(EnvironmentVariables.ProviderLabel), file?.ProviderLabel),
            ProviderTokenTtl = Layered(Names[2], EnvironmentVariables.ProviderTokenTtl, () => (TimeSpan?)ReadSeconds(EnvironmentVariables.ProviderTokenTtl, TimeSpan.FromDays(30)), file?.ProviderTokenTtl),
            OidcIssuer = Layered(Names[3], EnvironmentVariables.OidcIssuer, () => ReadUri(EnvironmentVariables.OidcIssuer, defaults.Issuer), file?.OidcIssuer),
            OidcClientId = Layered(Names[4], EnvironmentVariables.OidcClientId, () => Value(EnvironmentVariables.OidcClientId), file?.OidcClientId),
            OidcScopes = Layered(Names[5], EnvironmentVariables.OidcScopes, () => Value(EnvironmentVariables.OidcScopes), file?.OidcScopes),
            OidcAudience = Layered(Names[6], EnvironmentVariables.OidcAudience, () => Value(EnvironmentVariables.OidcAudience), file?.OidcAudience),
            ConfigFile = file?.Path,
            ConfigModelKeys = file?.Models ?? EmptyModelKeys,
            SettingSources = sources,
            LogLevel = ReadLogLevel(),
            LogFile = (Value(EnvironmentVariables.LogFile) ?? Value(EnvironmentVariables.GrokLogFile)) is { } logFile ? ExpandHome(logFile) : null,
            MediaMaxBytes = ReadByteCount(EnvironmentVariables.MediaMaxBytes, defaults.MediaMaxBytes),
            StreamIdleTimeout = ReadPositiveSeconds(EnvironmentVariables.StreamIdleTimeout),
            StreamTimeout = ReadPositiveSeconds(EnvironmentVariables.StreamTimeout),
            StreamMaxAnswerChars = ReadPositiveCount(EnvironmentVariables.StreamMaxAnswerChars),
            Warnings = warnings,
            InvalidSettings = invalid,
        };
    }

    private static readonly string[] Names = ConfigTomlKeys.StatusNames;

    private static readonly Dictionary<string, ConfigModelKey> EmptyModelKeys = new(StringComparer.OrdinalIgnoreCase);

    // The value, when it is short printable ASCII without '@' (a URL's user:password, or a secret pasted by mistake, stays out).
    internal static string Shown(string text) =>
        text.Length <= 40 && text.All(c => c is >= ' ' and <= '~' and not '@') ? $"'{text}'" : $"a value of {text.Length} characters";

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~', '/'))
            : Path.GetFullPath(path);
}
