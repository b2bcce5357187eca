namespace XaiGrok.Onboarding.Media;

/// <summary>How a bounded copy of an answer's body ended.</summary>
internal enum CopyResult
{
    Complete,

    /// <summary>More bytes came than allowed; the copy stopped there.</summary>
    TooLarge,

    /// <summary>No byte came for the idle timeout.</summary>
    Stalled,

    /// <summary>The connection closed before the body was complete.</summary>
    Broken,
}
