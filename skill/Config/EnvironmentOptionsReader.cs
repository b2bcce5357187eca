using System.Globalization;
using Microsoft.Extensions.Logging;

namespace XaiGrok.Onboarding.Config;

/// <summary>
/// Builds <see cref="OnboardingOptions"/> from environment variables. A value that does not parse keeps the default
/// and leaves a warning, so that a typo never stops a sign-in; URLs are checked later by <see cref="EndpointRules"/>.
/// </summary>
internal static class EnvironmentOptionsReader
{
    public static OnboardingOptions Read(Func<string, string?> lookup)
    {
        var defaults = new OnboardingOptions();
        var warnings = new List<string>();

        string? Value(string name) => lookup(name) is { } raw && !string.IsNullOrWhiteSpace(raw) ? raw.Trim() : null;

        Uri ReadUri(string name, Uri fallback)
        {
            if (Value(name) is not { } text)
            {
                return fallback;
            }

            if (Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out var uri))
            {
                return uri;
            }

            warnings.Add($"{name} is not an absolute URL; using {fallback}");
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

            warnings.Add($"{name} is not a whole number of seconds; using {fallback.TotalSeconds:0}");
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

            warnings.Add($"{name} is not a positive whole number; using the default");
            return null;
        }

        LogLevel ReadLogLevel()
        {
            if (Value(EnvironmentVariables.LogLevel) is not { } text)
            {
                return defaults.LogLevel;
            }

            if (Logging.LogLevelNames.TryParse(text, out var level))
            {
                return level;
            }

            warnings.Add($"{EnvironmentVariables.LogLevel} is not one of {Logging.LogLevelNames.Accepted}; using error");
            return defaults.LogLevel;
        }

        var apiBase = ReadUri(EnvironmentVariables.ApiBaseUrl, defaults.ApiBaseUrl);
        apiBase = ReadUri(EnvironmentVariables.ChatProxyBaseUrl, apiBase);

        return defaults with
        {
            Issuer = ReadUri(EnvironmentVariables.Issuer, defaults.Issuer),
            ClientId = Value(EnvironmentVariables.ClientId),
            Scopes = Value(EnvironmentVariables.Scopes) ?? defaults.Scopes,
            ApiBaseUrl = apiBase,
            Home = Value(EnvironmentVariables.Home) is { } home ? ExpandHome(home) : defaults.Home,
            ModelsCacheTtl = ReadSeconds(EnvironmentVariables.ModelsCacheTtl, defaults.ModelsCacheTtl),
            EarlyRefresh = ReadSeconds(EnvironmentVariables.EarlyInvalidation, defaults.EarlyRefresh),
            ApiKey = Value(EnvironmentVariables.ApiKey),
            ProviderCommand = Value(EnvironmentVariables.ProviderCommand),
            ProviderLabel = Value(EnvironmentVariables.ProviderLabel),
            ProviderTokenTtl = Value(EnvironmentVariables.ProviderTokenTtl) is null ? null : ReadSeconds(EnvironmentVariables.ProviderTokenTtl, TimeSpan.FromDays(30)),
            OidcIssuer = Value(EnvironmentVariables.OidcIssuer) is null ? null : ReadUri(EnvironmentVariables.OidcIssuer, defaults.Issuer),
            OidcClientId = Value(EnvironmentVariables.OidcClientId),
            OidcScopes = Value(EnvironmentVariables.OidcScopes),
            OidcAudience = Value(EnvironmentVariables.OidcAudience),
            LogLevel = ReadLogLevel(),
            LogFile = Value(EnvironmentVariables.LogFile) is { } logFile ? ExpandHome(logFile) : null,
            StreamIdleTimeout = ReadPositiveSeconds(EnvironmentVariables.StreamIdleTimeout),
            StreamTimeout = ReadPositiveSeconds(EnvironmentVariables.StreamTimeout),
            StreamMaxAnswerChars = ReadPositiveCount(EnvironmentVariables.StreamMaxAnswerChars),
            Warnings = warnings,
        };
    }

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~', '/'))
            : Path.GetFullPath(path);
}
