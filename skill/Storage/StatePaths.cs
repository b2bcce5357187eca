namespace XaiGrok.Onboarding.Storage;

/// <summary>The names of everything the module keeps in its state folder.</summary>
internal sealed record StatePaths(string Home)
{
    public const string CredentialFileName = "auth.json";
    public const string CorruptSuffix = ".corrupt";
    public const string PendingPrefix = "pending-";

    public string CredentialFile => Path.Combine(Home, CredentialFileName);

    /// <summary>Taken to change <c>auth.json</c> (refresh, sign-in, logout); permanent, never deleted.</summary>
    public string CredentialLock => Path.Combine(Home, "auth.lock");

    /// <summary>Taken to poll or change a pending flow, so that two processes never poll one flow at once.</summary>
    public string PendingLock => Path.Combine(Home, "pending.lock");

    public string ModelCacheFile => Path.Combine(Home, "models-cache.json");

    /// <summary>Chat models a call showed the account can use although unlisted, or that xAI refused it.</summary>
    public string ModelAccessFile => Path.Combine(Home, "models-access.json");

    /// <summary>Taken to fetch the model list on a cold cache, so that a crowd of processes fetches it once.</summary>
    public string ModelCacheLock => Path.Combine(Home, "models.lock");

    /// <summary>Per-model keys (<c>{"models": {"id": {"api_key"|"env_key": ...}}}</c>).</summary>
    public string ConfigFile => Path.Combine(Home, "config.json");

    /// <summary>The person's choices (the selected model).</summary>
    public string SettingsFile => Path.Combine(Home, "settings.json");

    /// <summary>Pending flows that ended in a connection, remembered for a while so that a repeated poll says connected.</summary>
    public string CompletedSignInsFile => Path.Combine(Home, "completed-sign-ins.json");

    public string PendingFile(string pendingId) => Path.Combine(Home, PendingPrefix + pendingId + ".json");

    public const string VideoPrefix = "video-";

    /// <summary>Generated images and downloaded videos, when no other path is given (0700, files 0600).</summary>
    public string MediaFolder => Path.Combine(Home, "media");

    /// <summary>Taken to poll or change a video request, so that two processes never poll one at once.</summary>
    public string VideoLock => Path.Combine(Home, "video.lock");

    public string VideoRequestFile(string requestId) => Path.Combine(Home, VideoPrefix + requestId + ".json");
}
