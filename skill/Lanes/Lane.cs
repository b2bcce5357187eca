namespace XaiGrok.Onboarding.Lanes;

/// <summary>The xAI API dialect a model speaks.</summary>
internal enum Lane
{
    /// <summary><c>/v1/chat/completions</c>, the OpenAI-compatible dialect.</summary>
    ChatCompletions,

    /// <summary><c>/v1/responses</c>, the Responses API, required by multi-agent models.</summary>
    Responses,
}
