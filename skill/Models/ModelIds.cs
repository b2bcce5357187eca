namespace XaiGrok.Onboarding.Models;

/// <summary>Model ids as people and agents type them: with or without the <c>xai-grok/</c> prefix.</summary>
internal static class ModelIds
{
    /// <summary>The upstream id (<c>grok-4.3</c>) for <c>xai-grok/grok-4.3</c> or <c>grok-4.3</c>; null when malformed.</summary>
    public static string? Upstream(string? id)
    {
        var trimmed = id?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.StartsWith(ModelKinds.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[ModelKinds.Prefix.Length..];
        }

        return IsWellFormed(trimmed) ? trimmed : null;
    }

    public static bool IsWellFormed(string id) =>
        id.Length is > 0 and <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or ':');
}
