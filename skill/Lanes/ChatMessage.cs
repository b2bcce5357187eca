namespace XaiGrok.Onboarding;

/// <summary>One OpenAI-style chat message (<c>{role, content}</c>); the same shape works for every model and lane.</summary>
/// <param name="Role">system, user, assistant (developer is read as system).</param>
/// <param name="Content">The message text.</param>
public sealed record ChatMessage(string Role, string Content)
{
    /// <summary>A user message.</summary>
    public static ChatMessage User(string content) => new("user", content);

    /// <summary>A system message (the Responses API receives it as <c>instructions</c>).</summary>
    public static ChatMessage System(string content) => new("system", content);

    /// <summary>An earlier assistant answer, for a multi-turn conversation.</summary>
    public static ChatMessage Assistant(string content) => new("assistant", content);
}
