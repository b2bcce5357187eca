namespace XaiGrok.Emulator;

/// <summary>The video requests the emulator knows, and where it says their files are.</summary>
internal sealed class VideoJobs
{
    public const string Failed = "failed";
    public const string Expired = "expired";

    private readonly Lock gate = new();
    private readonly Dictionary<string, VideoJob> jobs = new(StringComparer.Ordinal);
    private string? latest;

    /// <summary>The origin (scheme://host:port) of the <c>video.url</c> answers; null: the emulator's own.</summary>
    public string? UrlOrigin { get; set; }

    public string? LatestRequestId
    {
        get
        {
            lock (gate)
            {
                return latest;
            }
        }
    }

    public VideoJob Create(string model, DateTimeOffset now)
    {
        var job = new VideoJob(Guid.NewGuid().ToString("D"), model, now);
        lock (gate)
        {
            jobs[job.RequestId] = job;
            latest = job.RequestId;
        }

        return job;
    }

    /// <summary>Counts one status request and returns the job as it stands after it; null for an unknown id.</summary>
    public (VideoJob Job, int Polls, string? Ending)? Poll(string requestId)
    {
        lock (gate)
        {
            if (!jobs.TryGetValue(requestId, out var job))
            {
                return null;
            }

            job.Polls++;
            return (job, job.Polls, job.Ending);
        }
    }

    /// <exception cref="KeyNotFoundException">No video request has that id.</exception>
    /// <exception cref="ArgumentException"><paramref name="ending"/> is neither failed nor expired.</exception>
    public void End(string requestId, string ending)
    {
        if (ending is not (Failed or Expired))
        {
            throw new ArgumentException($"A video can end \"{Failed}\" or \"{Expired}\", not \"{ending}\".", nameof(ending));
        }

        lock (gate)
        {
            if (!jobs.TryGetValue(requestId, out var job))
            {
                throw new KeyNotFoundException($"No video request has the id {requestId}.");
            }

            job.Ending = ending;
        }
    }
}
