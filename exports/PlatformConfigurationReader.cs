using System.Globalization;
using Microsoft.Extensions.Configuration;
using XaiGrok.Onboarding.Config;

namespace XaiGrok.Onboarding;

/// <summary>
/// Reads <see cref="GrokPlatformOptions"/> from a configuration section by hand: no reflection (trimming and AOT keep
/// working), and a value that does not parse becomes an <see cref="InvalidSetting"/> naming its key, so every call
/// answers <c>invalid_configuration</c> instead of the host starting on a default it did not ask for.
/// </summary>
internal static class PlatformConfigurationReader
{
    public static GrokPlatformOptions Read(IConfiguration section, string sectionPath)
    {
        var problems = new List<InvalidSetting>();
        var defaults = new GrokPlatformOptions();
        string Key(string name) => sectionPath + ":" + name;

        Uri ReadUri(string name, Uri fallback)
        {
            if (section[name] is not { Length: > 0 } text)
            {
                return fallback;
            }

            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            {
                return uri;
            }

            problems.Add(Invalid(Key(name), "is not an absolute http(s) URL"));
            return fallback;
        }

        int ReadInt(string name, int fallback, int min)
        {
            if (section[name] is not { Length: > 0 } text)
            {
                return fallback;
            }

            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min)
            {
                return value;
            }

            problems.Add(Invalid(Key(name), $"is not a whole number of at least {min}"));
            return fallback;
        }

        TimeSpan ReadSeconds(string name, TimeSpan fallback, int min) =>
            TimeSpan.FromSeconds(ReadInt(name, (int)fallback.TotalSeconds, min));

        var options = new GrokPlatformOptions
        {
            Issuer = ReadUri("Issuer", defaults.Issuer),
            ClientId = section["ClientId"] is { Length: > 0 } clientId ? clientId : null,
            Scopes = section["Scopes"] is { Length: > 0 } scopes ? scopes : defaults.Scopes,
            ApiBaseUrl = ReadUri("ApiBaseUrl", defaults.ApiBaseUrl),
            StateRoot = section["StateRoot"] is { Length: > 0 } root ? root : null,
            EarlyRefreshSeconds = ReadInt("EarlyRefreshSeconds", defaults.EarlyRefreshSeconds, 0),
            MaxConnectionsPerServer = ReadInt("MaxConnectionsPerServer", defaults.MaxConnectionsPerServer, 1),
            DiscoveryTtl = ReadSeconds("DiscoveryTtlSeconds", defaults.DiscoveryTtl, 0),
            IdleTimeout = ReadSeconds("IdleTimeoutSeconds", defaults.IdleTimeout, 1),
            ModelsCacheTtl = ReadSeconds("ModelsCacheTtlSeconds", defaults.ModelsCacheTtl, 0),
            LockTimeout = ReadSeconds("LockTimeoutSeconds", defaults.LockTimeout, 1),
        };
        return options with { InvalidSettings = problems };
    }

    public static InvalidSetting Invalid(string key, string problem) =>
        new(key, $"{key} {problem}") { Hint = $"Fix {key} in the host's configuration; no default is used in place of a value that does not parse." };
}
