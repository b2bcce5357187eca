using System.Collections;
using XaiGrok.Onboarding.Secrets;

namespace XaiGrok.Onboarding;

/// <summary>
/// The last step before a result leaves the module: every string in it (detail, hint, provider messages, a chat
/// answer's content, nested lists and objects alike) with every known secret cut out.
/// </summary>
internal static class ResultRedaction
{
    public static SkillResult Apply(SkillResult result, SecretRegistry secrets) =>
        secrets.LongestLength == 0 || !Holds(result, secrets) ? result : Fields(result, secrets).ToResult();

    // Looked for before anything is copied: nearly every result holds no secret, and a copy of each would cost every
    // call (a chat answer's fields) the allocations of a second result.
    private static bool Holds(object? value, SecretRegistry secrets) => value switch
    {
        string text => !ReferenceEquals(secrets.Redact(text), text),
        IEnumerable<KeyValuePair<string, object?>> map => map.Any(pair => Holds(pair.Value, secrets)),
        IEnumerable items => items.Cast<object?>().Any(item => Holds(item, secrets)),
        _ => false,
    };

    private static ResultFields Fields(IEnumerable<KeyValuePair<string, object?>> map, SecretRegistry secrets)
    {
        var fields = new ResultFields();
        foreach (var (key, value) in map)
        {
            fields.Add(key, Value(value, secrets));
        }

        return fields;
    }

    private static object? Value(object? value, SecretRegistry secrets) => value switch
    {
        string text => secrets.Redact(text),
        IEnumerable<KeyValuePair<string, object?>> map => Fields(map, secrets).ToResult(),

        // Lists of text stay lists of text: hosts read them as such (skipped, provider_messages).
        IEnumerable<string> texts => texts.Select(secrets.Redact).ToArray(),
        IEnumerable items => items.Cast<object?>().Select(item => Value(item, secrets)).ToArray(),
        _ => value,
    };
}
