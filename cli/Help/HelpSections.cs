using System.CommandLine;
using System.Text;
using XaiGrok.Onboarding.Config;

namespace XaiGrok.Onboarding.Cli.Help;

/// <summary>The text after the generated help: exit codes for every verb; the configuration, on the root's help only.</summary>
internal static class HelpSections
{
    private static readonly (string Code, string Meaning)[] ExitCodes =
    [
        ("0", "ok: the JSON result has \"ok\": true (login: connected)"),
        ("1", "failed: the result's error, detail and hint say what happened and what to do"),
        ("2", "usage error: an unknown verb or option, or a missing argument"),
        ("130", "cancelled with Ctrl-C (login leaves no sign-in pending)"),
        ("143", "ended by SIGTERM: cancelled as with Ctrl-C, the result's error is \"terminated\"; within 5 s"),
    ];

    // Every variable the module reads (EnvironmentVariables); a test checks the list is complete.
    private static readonly (string Name, string Meaning)[] Variables =
    [
        (EnvironmentVariables.ClientId, "your platform's public OAuth client registered with xAI (needed to sign in)"),
        (EnvironmentVariables.Issuer, "OIDC issuer; endpoints come from its discovery document (default https://auth.x.ai)"),
        (EnvironmentVariables.Scopes, "scopes asked for (default: openid profile email offline_access api:access)"),
        (EnvironmentVariables.OAuthRedirectPort, "fixed loopback port of login --oauth's redirect, for a client registered with one (default: random)"),
        (EnvironmentVariables.ApiBaseUrl, "inference API (default https://api.x.ai/v1)"),
        (EnvironmentVariables.ChatProxyBaseUrl, "overrides XAI_API_BASE_URL, as in the Grok CLI"),
        (EnvironmentVariables.Home, "state folder: session, waiting sign-ins, model cache (default ~/.xai-grok)"),
        (EnvironmentVariables.Config, "the Grok CLI's config.toml to read, read only (default: config.toml in the state folder)"),
        (EnvironmentVariables.ApiKey, "pay-per-token key from console.x.ai, used when no session token is active"),
        (EnvironmentVariables.ModelsCacheTtl, "seconds a model list is reused (default 600)"),
        (EnvironmentVariables.LogLevel, "log level: trace, debug, information, warning, error (default), critical, none"),
        (EnvironmentVariables.LogFile, "file the log lines are appended to (default: stderr); no line ever holds a token"),
        (EnvironmentVariables.RustLog, "the Grok CLI's log setting, used when XAI_GROK_LOG is unset: debug, or a list such as info,xai=trace (the most verbose level named)"),
        (EnvironmentVariables.GrokLogFile, "the Grok CLI's log file, used when XAI_GROK_LOG_FILE is unset"),
        (EnvironmentVariables.EarlyInvalidation, "refresh this many seconds before the token expires (default 300)"),
        (EnvironmentVariables.ProviderCommand, "external auth provider, run with sh -c; prints a token on stdout"),
        (EnvironmentVariables.ProviderLabel, "the provider's name in messages"),
        (EnvironmentVariables.ProviderTokenTtl, "lifetime in seconds of a provider token that states none"),
        (EnvironmentVariables.OidcIssuer, "your company's identity provider: with the client id, login signs in there"),
        (EnvironmentVariables.OidcClientId, "the public client registered with that identity provider"),
        (EnvironmentVariables.OidcScopes, "scopes asked of the identity provider (default: the xAI scopes)"),
        (EnvironmentVariables.OidcAudience, "audience asked of the identity provider, for those that need one"),
        (EnvironmentVariables.MediaMaxBytes, "largest video downloaded and image answer read, in bytes (default 536870912, 512 MiB)"),
        (EnvironmentVariables.StreamIdleTimeout, "seconds a streamed chat may go without text before it is cut off (default 120; keep-alives do not count)"),
        (EnvironmentVariables.StreamTimeout, "seconds a streamed chat may take in all (default 600)"),
        (EnvironmentVariables.StreamMaxAnswerChars, "most characters one streamed answer may collect (default 4194304)"),
    ];

    public static string For(Command command)
    {
        var text = new StringBuilder();
        Section(text, "Exit codes:", ExitCodes);
        if (command is RootCommand)
        {
            Section(text, "Environment (all optional except XAI_OAUTH_CLIENT_ID; a URL or a number that does not parse stops every verb with invalid_configuration):", Variables);
        }

        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, (string Name, string Meaning)[] rows)
    {
        var width = rows.Max(row => row.Name.Length) + 2;
        text.AppendLine(title);
        foreach (var (name, meaning) in rows)
        {
            text.Append("  ").Append(name.PadRight(width)).AppendLine(meaning);
        }

        text.AppendLine();
    }
}
