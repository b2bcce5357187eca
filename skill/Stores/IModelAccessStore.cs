using XaiGrok.Onboarding.Models;

namespace XaiGrok.Onboarding.Stores;

/// <summary>
/// What calls taught about the person's chat models (one that worked although unlisted, one xAI refused), keyed like the
/// model cache. Shared like the list: a replica left to learn on its own would offer a model another replica learned is
/// refused (and <c>use-model</c> would store it as the person's choice) or refuse one another replica learned works.
/// </summary>
internal interface IModelAccessStore
{
    /// <summary>What is known for <paramref name="key"/>; <see cref="ModelAccessFacts.None"/> for another key or nothing.</summary>
    ModelAccessFacts For(string key);

    /// <summary>
    /// Records that a call to <paramref name="upstreamId"/> worked (or was refused), replacing what was known of that
    /// model; what was known under another key is dropped. Atomic against other instances; at most
    /// <see cref="ModelAccess.MaxModels"/> models per kind, the newest.
    /// </summary>
    /// <exception cref="Storage.StorageException">The lock was not taken in time or the store could not be written.</exception>
    Task RecordAsync(string key, string upstreamId, bool worked, CancellationToken cancellationToken);

    void Clear();
}
