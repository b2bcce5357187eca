namespace XaiGrok.Onboarding.Models;

/// <summary>
/// The picker's command as the seed writes it, <c>/model xai-grok/grok-4.3</c>: people paste the whole line into
/// <c>use-model</c>, and a chat whose only user message is that line means a switch, not a question for the model.
/// </summary>
internal static class ModelCommand
{
    private const string Name = "/model";

    /// <summary>Whether <paramref name="text"/> is the command (<c>/model</c>, then white space or nothing).</summary>
    public static bool IsCommand(string? text)
    {
        var trimmed = text.AsSpan().Trim();
        return trimmed.StartsWith(Name, StringComparison.OrdinalIgnoreCase)
            && (trimmed.Length == Name.Length || char.IsWhiteSpace(trimmed[Name.Length]));
    }

    /// <summary>The model id the text names: the command's argument, or the text itself when it is no command.</summary>
    public static string IdIn(string text) =>
        IsCommand(text) ? text.Trim()[Name.Length..].Trim() : text;

    /// <summary>The command's text when the messages hold exactly one user message and it is the command; else null.</summary>
    public static string? In(IReadOnlyList<ChatMessage>? messages)
    {
        if (messages is null)
        {
            return null;
        }

        string? command = null;
        var users = 0;
        foreach (var message in messages)
        {
            if (message is not null && string.Equals(message.Role?.Trim(), "user", StringComparison.OrdinalIgnoreCase))
            {
                users++;
                command = IsCommand(message.Content) ? message.Content : null;
            }
        }

        return users == 1 ? command : null;
    }
}
