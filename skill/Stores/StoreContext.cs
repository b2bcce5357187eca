using XaiGrok.Onboarding.Secrets;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Stores;

/// <summary>
/// What a runtime hands its store factory: the person's local folder (still used for the per-process state no store
/// shares: media files, locks of local work), the clock, the options, the registry every token read is added to (so
/// that any echo of it is redacted) and the kernel's wall clock for the file caches (null: the system's).
/// </summary>
internal sealed record StoreContext(StatePaths Paths, TimeProvider Clock, OnboardingOptions Options, SecretRegistry Secrets, TimeProvider? FileSystemClock);
