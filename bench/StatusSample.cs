namespace XaiGrok.Onboarding.Bench;

/// <summary>The fields of a connected <c>status</c> with a warm model cache, as the CLI prints them.</summary>
internal static class StatusSample
{
    private static readonly (string Id, string Lane, string Kind, bool Listed)[] Models =
    [
        ("grok-4.3", "chat_completions", "chat", true),
        ("grok-4.20-0309-reasoning", "chat_completions", "chat", true),
        ("grok-4.20-0309-non-reasoning", "chat_completions", "chat", true),
        ("grok-4.20-multi-agent-0309", "responses", "chat", false),
        ("grok-imagine-image", "chat_completions", "image", true),
        ("grok-imagine-video", "chat_completions", "video", true),
    ];

    public static SkillResult Build()
    {
        var moment = new DateTimeOffset(2026, 11, 22, 18, 0, 0, TimeSpan.Zero);
        return new ResultFields()
            .Add("ok", true)
            .Add("connected", true)
            .Add("source", "oauth")
            .Add("tier", 4L)
            .Add("subscription", "X Premium+")
            .Add("expires_at", moment)
            .Add("expires_in_seconds", 21598L)
            .Add("default_model_id", "xai-grok/grok-4.3")
            .Add("selected_model", "xai-grok/grok-4.3")
            .Add("models", Entries("chat"))
            .Add("media_models", Entries(null))
            .Add("models_fetched_at", moment.AddHours(-6))
            .ToResult();
    }

    /// <summary>The same content as plain dictionaries and lists (what JsonSerializer can take without the module).</summary>
    public static Dictionary<string, object?> Plain(IReadOnlyDictionary<string, object?> result) =>
        result.ToDictionary(pair => pair.Key, pair => pair.Value switch
        {
            IReadOnlyDictionary<string, object?> nested => Plain(nested),
            object?[] items => items.Select(item => item is IReadOnlyDictionary<string, object?> map ? Plain(map) : item).ToList(),
            DateTimeOffset moment => moment.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            var other => other,
        });

    private static object?[] Entries(string? kind) => Models
        .Where(model => kind is null ? model.Kind != "chat" : model.Kind == kind)
        .Select(model => (object?)new ResultFields()
            .Add("id", "xai-grok/" + model.Id)
            .Add("upstream_id", model.Id)
            .Add("lane", model.Lane)
            .Add("kind", model.Kind)
            .Add("listed", model.Listed)
            .ToResult())
        .ToArray();
}
