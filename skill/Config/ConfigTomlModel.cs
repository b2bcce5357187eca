using Tomlyn.Model;
using Tomlyn.Serialization;
using XaiGrok.Onboarding.Credentials;
using K = XaiGrok.Onboarding.Config.ConfigTomlKeys;

namespace XaiGrok.Onboarding.Config;

/// <summary>
/// Takes the known keys out of a parsed <c>config.toml</c> (Tomlyn's <see cref="TomlTable"/> model), checking each
/// one's type; the first wrong one stops the read with a problem naming its line and dotted key.
/// </summary>
internal sealed class ConfigTomlModel(string path, TomlMetadataStore lines)
{
    private readonly Dictionary<string, int> found = new(StringComparer.Ordinal);

    public (ConfigToml? Config, InvalidSetting? Problem) Read(TomlTable root)
    {
        try
        {
            var auth = Table(root, K.Auth, K.Auth);
            var oidc = Table(Table(root, K.GrokCom, K.GrokCom), K.Oidc, $"{K.GrokCom}.{K.Oidc}");
            var config = new ConfigToml(path)
            {
                ProviderCommand = Text(auth, K.ProviderCommand, $"{K.Auth}.{K.ProviderCommand}"),
                ProviderLabel = Text(auth, K.ProviderLabel, $"{K.Auth}.{K.ProviderLabel}"),
                ProviderTokenTtl = Seconds(auth, K.TokenTtl, $"{K.Auth}.{K.TokenTtl}"),
                OidcIssuer = Issuer(oidc, $"{K.GrokCom}.{K.Oidc}.{K.Issuer}"),
                OidcClientId = Text(oidc, K.ClientId, $"{K.GrokCom}.{K.Oidc}.{K.ClientId}"),
                OidcScopes = Scopes(oidc, $"{K.GrokCom}.{K.Oidc}.{K.Scopes}"),
                OidcAudience = Text(oidc, K.Audience, $"{K.GrokCom}.{K.Oidc}.{K.Audience}"),
                Models = ModelKeys(Table(root, K.Model, K.Model)),
            };
            return (config with { Lines = found }, null);
        }
        catch (WrongTypeException wrong)
        {
            return (null, wrong.Problem);
        }
    }

    private TomlTable? Table(TomlTable? parent, string key, string name) => Value(parent, key, name) switch
    {
        null => null,
        TomlTable table => table,
        var other => throw Wrong(parent!, key, name, "a table", other),
    };

    private string? Text(TomlTable? parent, string key, string name) => Value(parent, key, name) switch
    {
        null => null,
        string text => string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
        var other => throw Wrong(parent!, key, name, "a string", other),
    };

    private TimeSpan? Seconds(TomlTable? parent, string key, string name) => Value(parent, key, name) switch
    {
        null => null,
        long seconds when seconds is >= 0 and <= int.MaxValue => TimeSpan.FromSeconds(seconds),
        long => throw Wrong(parent!, key, name, "a whole number of seconds from 0 to 2147483647", null),
        var other => throw Wrong(parent!, key, name, "a whole number of seconds", other),
    };

    private Uri? Issuer(TomlTable? oidc, string name)
    {
        if (Text(oidc, K.Issuer, name) is not { } text)
        {
            return null;
        }

        if (Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out var uri) && EndpointRules.IsAllowedTransport(uri) && uri.Host.Length > 0)
        {
            return uri;
        }

        throw Wrong(oidc!, K.Issuer, name, $"an absolute https URL (plain http only on loopback), not {EnvironmentOptionsReader.Shown(text)}", null);
    }

    // The Grok CLI writes scopes as an array of strings; a space-separated string, as GROK_OIDC_SCOPES has it, is taken too.
    private string? Scopes(TomlTable? oidc, string name) => Value(oidc, K.Scopes, name) switch
    {
        null => null,
        string text => string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
        TomlArray array when array.All(item => item is string text && text.Length > 0 && !text.Any(char.IsWhiteSpace)) =>
            array.Count == 0 ? null : string.Join(' ', array.Cast<string>()),
        var other => throw Wrong(oidc!, K.Scopes, name, "an array of scope strings without spaces", other is TomlArray ? null : other),
    };

    private Dictionary<string, ConfigModelKey> ModelKeys(TomlTable? models)
    {
        var keys = new Dictionary<string, ConfigModelKey>(StringComparer.OrdinalIgnoreCase);
        if (models is null)
        {
            return keys;
        }

        foreach (var (model, _) in models)
        {
            var name = $"{K.Model}.\"{model}\"";
            var section = Table(models, model, name)!;
            var entry = new ModelKeyEntry
            {
                ApiKey = Text(section, K.ApiKey, $"{name}.{K.ApiKey}"),
                EnvKey = Text(section, K.EnvKey, $"{name}.{K.EnvKey}"),
            };
            if (entry.ApiKey is not null || entry.EnvKey is not null)
            {
                keys[model] = new ConfigModelKey(entry, LineOf(models, model));
            }
        }

        return keys;
    }

    private object? Value(TomlTable? parent, string key, string name)
    {
        if (parent is null || !parent.TryGetValue(key, out var value))
        {
            return null;
        }

        found[name] = LineOf(parent, key);
        return value;
    }

    private int LineOf(TomlTable parent, string key) =>
        lines.TryGetProperties(parent, out var properties) && properties is not null && properties.TryGetProperty(key, out var property) && property is not null
            ? property.Span.Start.Line + 1
            : 0;

    private WrongTypeException Wrong(TomlTable parent, string key, string name, string expected, object? actual)
    {
        var problem = actual is null ? $"must be {expected}" : $"must be {expected}, not {Kind(actual)}";
        return new WrongTypeException(ConfigTomlProblem.At(path, LineOf(parent, key), name, problem));
    }

    private static string Kind(object value) => value switch
    {
        string => "a string",
        long => "an integer",
        double => "a float",
        bool => "a boolean",
        TomlArray => "an array",
        TomlTableArray => "an array of tables",
        TomlTable => "a table",
        _ => "a date or time",
    };

    /// <summary>Stops the read at the first key of the wrong type.</summary>
    private sealed class WrongTypeException(InvalidSetting problem) : Exception
    {
        public InvalidSetting Problem { get; } = problem;
    }
}
