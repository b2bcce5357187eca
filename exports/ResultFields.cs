namespace XaiGrok.Onboarding;

/// <summary>An ordered field list that becomes a <see cref="SkillResult"/>; keys keep the order they were added in.</summary>
internal sealed class ResultFields : List<KeyValuePair<string, object?>>
{
    public ResultFields Add(string key, object? value)
    {
        Add(new KeyValuePair<string, object?>(key, value));
        return this;
    }

    public ResultFields AddIfNotNull(string key, object? value) => value is null ? this : Add(key, value);

    public SkillResult ToResult()
    {
        var ordered = new OrderedFields(this);
        return new SkillResult(ordered);
    }
}
