namespace XaiGrok.Onboarding.Reliability.Worker;

/// <summary>Where the crash writer is in one write of auth.json (compiled into the worker and the tests).</summary>
internal enum WritePhase
{
    /// <summary>Started: nothing of this run's writes has begun.</summary>
    Started = 0,

    /// <summary>Taking the credential lock for the next sequence number.</summary>
    Locking = 1,

    /// <summary>Inside <c>CredentialStore.Write</c> (clean temps, temp file, write, fsync, rename, folder fsync).</summary>
    Writing = 2,

    /// <summary>The write returned; the lock is still held.</summary>
    Written = 3,

    /// <summary>The lock is released; the sequence number is on disk.</summary>
    Released = 4,
}
