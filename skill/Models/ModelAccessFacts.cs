namespace XaiGrok.Onboarding.Models;

/// <summary>What calls taught about one account's models: upstream ids that worked, and ids xAI refused.</summary>
internal sealed record ModelAccessFacts(IReadOnlySet<string> Works, IReadOnlySet<string> Refused)
{
    public static readonly ModelAccessFacts None = new(new HashSet<string>(), new HashSet<string>());

    /// <summary>true: a call worked; false: it was refused; null: nothing was learned.</summary>
    public bool? Says(string upstreamId) =>
        Refused.Contains(upstreamId) ? false : Works.Contains(upstreamId) ? true : null;
}
