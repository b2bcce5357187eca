namespace XaiGrok.Onboarding.AI;

/// <summary>What a Microsoft.Extensions.AI call asks of the engine: the model (null: the default), the text turns, the effort.</summary>
internal sealed record ChatClientCall(string? Model, IReadOnlyList<ChatMessage> Messages, Thinking? Thinking);
