namespace XaiGrok.Emulator;

/// <summary>What a test does to the emulator: act as the user, break requests on purpose, read counters.</summary>
public sealed class EmulatorControl
{
    private readonly EmulatorState state;

    internal EmulatorControl(EmulatorState state) => this.state = state;

    private AuthorizationStore Store => state.Store;

    /// <summary>The user approved on the verification page with that subscription tier (0 = no subscription).</summary>
    /// <exception cref="KeyNotFoundException">No device authorization has that user code.</exception>
    /// <exception cref="InvalidOperationException">The authorization was already denied, expired or used.</exception>
    public void Approve(string userCode, int tier)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tier);
        Decide(userCode, DeviceFlowStatus.Approved, tier);
    }

    /// <summary>Approves as the account <paramref name="subject"/>: two sign-ins approved with one subject are one xAI account.</summary>
    public void Approve(string userCode, int tier, string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        Approve(userCode, tier);
        lock (Store.Gate)
        {
            Store.FindByUserCode(userCode).Subject = subject;
        }
    }

    /// <summary>The user denied: the next poll answers access_denied.</summary>
    public void Deny(string userCode) => Decide(userCode, DeviceFlowStatus.Denied, tier: 0);

    /// <summary>The next poll answers expired_token.</summary>
    public void Expire(string userCode)
    {
        lock (Store.Gate)
        {
            var flow = Store.FindByUserCode(userCode);
            if (flow.Status != DeviceFlowStatus.Redeemed)
            {
                flow.Status = DeviceFlowStatus.Expired;
            }
        }
    }

    /// <summary>Every access token issued so far is now refused by /v1 as expired.</summary>
    public void ExpireAccessTokens()
    {
        lock (Store.Gate)
        {
            foreach (var token in Store.AccessTokensById.Values)
            {
                token.ExpiredByControl = true;
            }
        }
    }

    /// <summary>From now on /oauth2/authorize approves at once with this tier (there is no login page).</summary>
    public void AutoApproveAuthorization(int tier)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tier);
        lock (Store.Gate)
        {
            Store.AutoApproveTier = tier;
        }
    }

    public void AddFault(EmulatorFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        state.Faults.Add(fault);
    }

    /// <summary>Requests seen on a path (e.g. "/oauth2/token") or for a grant (e.g. "grant:refresh_token").</summary>
    public int Count(string counterName) => state.Counters.Count(counterName);

    public IReadOnlyDictionary<string, int> Counters => state.Counters.Snapshot();

    /// <summary>Every token, device code and authorization code issued so far, and the accepted API keys, each labelled by a number.</summary>
    public IReadOnlyDictionary<string, string> IssuedSecrets() =>
        state.IssuedSecrets.Concat(state.Options.ApiKeys).Select((secret, index) => (secret, index)).ToDictionary(pair => $"issued secret #{pair.index + 1}", pair => pair.secret);

    public void ResetCounters() => state.Counters.Reset();

    /// <summary>TCP connections open now (every client, every path).</summary>
    public int OpenConnections => state.Connections.Open;

    /// <summary>The most TCP connections that were open at once since the start or <see cref="ResetPeakConnections"/>.</summary>
    public int PeakConnections => state.Connections.Peak;

    /// <summary>TCP connections accepted since the start.</summary>
    public int ConnectionsAccepted => state.Connections.Accepted;

    public void ResetPeakConnections() => state.Connections.ResetPeak();

    /// <summary>The raw body of the last POST received on that /v1 path (e.g. "/v1/responses"), or null if none.</summary>
    public string? LastRequestBody(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return state.LastBodies.Last(path);
    }

    /// <summary>The user_code (ABCD-EFGH) of the newest device authorization.</summary>
    public string? LatestUserCode
    {
        get
        {
            lock (Store.Gate)
            {
                return Store.LatestUserCode;
            }
        }
    }

    /// <summary>The refresh tokens that are live now (one per grant not revoked): a client that kept up holds one of these.</summary>
    public IReadOnlyList<string> LiveRefreshTokens
    {
        get
        {
            lock (Store.Gate)
            {
                return [.. Store.GrantsByRefreshToken.Keys];
            }
        }
    }

    /// <summary>How many times a rotated-out refresh token was presented (each one revoked its grant).</summary>
    public int RefreshTokenReuseCount
    {
        get
        {
            lock (Store.Gate)
            {
                return Store.RefreshTokenReuseCount;
            }
        }
    }

    /// <summary>When each account's refreshes were answered (the emulator's clock), by the subject it was approved as.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DateTimeOffset>> RefreshesBySubject
    {
        get
        {
            lock (Store.Gate)
            {
                return Store.RefreshesBySubject.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<DateTimeOffset>)[.. pair.Value], StringComparer.Ordinal);
            }
        }
    }

    /// <summary>
    /// Where <c>video.url</c> points: another origin (e.g. <c>http://127.0.0.1:PORT</c> of a second emulator standing in
    /// for a file host), or null for the emulator itself.
    /// </summary>
    public string? VideoUrlOrigin
    {
        get => state.Videos.UrlOrigin;
        set => state.Videos.UrlOrigin = value;
    }

    /// <summary>The request_id of the newest video request.</summary>
    public string? LatestVideoRequestId => state.Videos.LatestRequestId;

    /// <summary>Ends a video request: its next status answers <paramref name="ending"/> (<c>failed</c> or <c>expired</c>).</summary>
    /// <exception cref="KeyNotFoundException">No video request has that id.</exception>
    /// <exception cref="ArgumentException">The ending is neither failed nor expired.</exception>
    public void EndVideo(string requestId, string ending)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        ArgumentNullException.ThrowIfNull(ending);
        state.Videos.End(requestId, ending);
    }

    /// <summary>Video files fetched with an Authorization header (none should be, from another origin than the API's).</summary>
    public int VideoDownloadsWithAuthorization => state.Counters.Count(VideoFileEndpoint.WithAuthorizationCounter);

    private void Decide(string userCode, DeviceFlowStatus decision, int tier)
    {
        ArgumentNullException.ThrowIfNull(userCode);
        lock (Store.Gate)
        {
            var flow = Store.FindByUserCode(userCode);
            if (flow.Status is not (DeviceFlowStatus.Pending or DeviceFlowStatus.Approved)
                || state.Clock.GetUtcNow() >= flow.ExpiresAt)
            {
                throw new InvalidOperationException($"The device authorization is {flow.Status.ToString().ToLowerInvariant()} or past its expiry; it cannot be decided again.");
            }

            flow.Status = decision;
            flow.Tier = tier;
        }
    }
}
