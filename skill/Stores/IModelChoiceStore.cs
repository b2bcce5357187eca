namespace XaiGrok.Onboarding.Stores;

/// <summary>The model the person chose with <c>use-model</c> (an upstream id), for every later call.</summary>
internal interface IModelChoiceStore
{
    /// <summary>The chosen model, or null when none (or an unreadable one) is stored.</summary>
    string? Selected();

    void Select(string upstreamId);
}
