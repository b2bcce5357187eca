using System.Globalization;
using System.Text;

namespace XaiGrok.Onboarding.Cli.Terminal;

/// <summary>
/// How <c>login</c> ends for a person (without <c>--json</c>): connected, the subscription, the models and how to chat;
/// or what failed, why, and what to do, in words. The JSON result holds the same facts for agents.
/// </summary>
internal static class LoginSummary
{
    private const string Cli = "xai-grok-onboarding";

    /// <summary>Only a connection is a finished login; a flow still pending when the wait ended is not.</summary>
    public static bool Connected(SkillResult result) => result.Ok && Text(result, "status") == "connected";

    public static string Write(SkillResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        if (Connected(result))
        {
            WriteConnected(text, result);
        }
        else if (result.Ok)
        {
            text.AppendLine("The sign-in was not approved before its code expired.");
            text.AppendLine($"What to do: run {Cli} login again and approve within the time shown.");
        }
        else
        {
            WriteFailed(text, result);
        }

        return text.ToString();
    }

    private static void WriteConnected(StringBuilder text, SkillResult result)
    {
        var tier = result.TryGetValue("tier", out var number) && number is not null ? string.Create(CultureInfo.InvariantCulture, $" (tier {number})") : "";
        text.AppendLine($"Connected to xAI: {Text(result, "subscription") ?? "unknown"} subscription{tier}.");
        if (result.TryGetValue("expires_at", out var expiry) && expiry is DateTimeOffset at)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Session valid until {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC; it is refreshed automatically."));
        }

        var models = Ids(result, "models");
        if (models.Count > 0)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{models.Count} chat models:"));
            models.ForEach(id => text.AppendLine("  " + id));
        }

        var media = Ids(result, "media_models");
        if (media.Count > 0)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{media.Count} image and video models: {string.Join(", ", media)}"));
        }

        if (Text(result, "models_detail") is { } problem)
        {
            text.AppendLine($"The model list could not be read ({problem}); run {Cli} models later.");
        }

        var model = Text(result, "default_model_id") ?? "xai-grok/grok-4.3";
        text.AppendLine($"Chat: {Cli} chat -m \"Hello\" (default model {model}; choose another with {Cli} use-model ID, or /model ID in a chat).");
    }

    private static void WriteFailed(StringBuilder text, SkillResult result)
    {
        text.AppendLine($"Sign-in failed ({result.Error ?? "unknown_error"}): {Text(result, "detail") ?? "no detail."}");
        if (Text(result, "hint") is { } hint)
        {
            text.AppendLine($"What to do: {hint}");
        }

        if (result.TryGetValue("retry_after_seconds", out var wait) && wait is not null)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Try again in {wait} s."));
        }

        if (Text(result, "sign_in_url") is { } url)
        {
            text.AppendLine($"Sign in at: {url}");
        }
    }

    private static string? Text(SkillResult result, string key) => result.TryGetValue(key, out var value) ? value as string : null;

    private static List<string> Ids(SkillResult result, string key) =>
        result.TryGetValue(key, out var list) && list is IEnumerable<object?> items
            ? [.. items.OfType<IReadOnlyDictionary<string, object?>>().Select(model => model.TryGetValue("id", out var id) ? id as string : null).OfType<string>()]
            : [];
}
