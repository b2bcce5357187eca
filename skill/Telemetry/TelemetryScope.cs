using System.Diagnostics;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Lanes;
using Tags = XaiGrok.Onboarding.Telemetry.TelemetryNames.Tags;
using Values = XaiGrok.Onboarding.Telemetry.TelemetryNames.Values;

namespace XaiGrok.Onboarding.Telemetry;

/// <summary>
/// One observed operation (a sign-in step, a refresh, a chat call): its activity, the tags its measurements share, and
/// the one place its outcome is recorded. It ends once, by whoever learns the outcome first (a refresh sent on runs to
/// its end after its caller gave up); disposing it without an outcome marks the activity cancelled and counts nothing.
/// Tag values are codes, names, hosts and models: never a token, a code the person types, or a key.
/// </summary>
internal sealed class TelemetryScope(Activity? activity, TimeProvider clock, bool silent = false) : IDisposable
{
    /// <summary>The scope of every operation while nobody listens: records nothing, allocates nothing per call.</summary>
    public static readonly TelemetryScope Silent = new(null, TimeProvider.System, silent: true);

    private readonly long started = clock.GetTimestamp();
    private TagList tags;
    private int ended;

    /// <summary>A refresh that sent nothing says why (a sibling's token adopted, already fresh).</summary>
    public string? Note { get; set; }

    /// <summary>The lane a chat failure is counted on: the rule's lane, until an answer says which one it came from.</summary>
    public Lane Lane { get; set; }

    public void Add(string key, object? value)
    {
        if (value is null || silent)
        {
            return;
        }

        tags.Add(key, value);
        activity?.SetTag(key, value);
    }

    /// <summary>Tags <c>server.address</c> and <c>server.port</c> from an endpoint (its path and query are never kept).</summary>
    public void Server(string? endpoint)
    {
        if (endpoint is not null && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            Add(Tags.ServerAddress, uri.Host);
            Add(Tags.ServerPort, uri.Port);
        }
    }

    /// <summary>Ends the activity by <paramref name="result"/>, counting nothing: for steps whose events are counted elsewhere.</summary>
    public Outcome<T> Finish<T>(Outcome<T> result, string success = Values.Ok)
    {
        if (TryEnd())
        {
            Mark(result.IsSuccess ? success : Values.Error, result.Failure);
        }

        return result;
    }

    /// <summary>Counts a sign-in begun; the scope goes on until its end is counted.</summary>
    public void SignInStarted()
    {
        if (!silent)
        {
            TelemetryInstruments.SignInStarts.Add(1, tags);
        }
    }

    /// <summary>For a step that only starts a sign-in (the device code request): counts a success and ends the scope.</summary>
    public Outcome<T> SignInStarted<T>(Outcome<T> result)
    {
        if (result.IsSuccess)
        {
            SignInStarted();
        }

        return Finish(result);
    }

    public Outcome<T> SignInEnded<T>(Outcome<T> result)
    {
        SignInEnded(result.Failure);
        return result;
    }

    /// <summary>Counts the end of a sign-in: connected without a failure, else denied, expired or failed by its code.</summary>
    public void SignInEnded(Failure? failure)
    {
        var outcome = failure?.Code switch
        {
            null => Values.Connected,
            ErrorCodes.AccessDenied => Values.Denied,
            ErrorCodes.Expired => Values.Expired,
            _ => Values.Failed,
        };
        Count(TelemetryInstruments.SignInResults, outcome, failure);
    }

    public Outcome<Credentials.Credential> Refreshed(Outcome<Credentials.Credential> result)
    {
        var outcome = result.Failure?.Code switch
        {
            null => Note ?? Values.Refreshed,
            ErrorCodes.ReauthRequired => Values.FailedReauth,
            ErrorCodes.NetworkError => Values.FailedNetwork,
            _ => Values.Failed,
        };
        Count(TelemetryInstruments.Refreshes, outcome, result.Failure);
        return result;
    }

    public Outcome<(ChatAnswer Answer, bool FailedOver)> Chatted(Outcome<(ChatAnswer Answer, bool FailedOver)> result)
    {
        EndChat(result.IsSuccess ? result.Value.Answer : null, result.Failure);
        return result;
    }

    public StreamPart Streamed(StreamPart last)
    {
        EndChat(last.Answer, last.Failure);
        return last;
    }

    public void Dispose()
    {
        if (silent)
        {
            return;
        }

        if (Volatile.Read(ref ended) == 0)
        {
            activity?.SetTag(Tags.Outcome, Values.Cancelled);
        }

        activity?.Dispose();
    }

    private void EndChat(ChatAnswer? answer, Failure? failure)
    {
        if (!TryEnd())
        {
            return;
        }

        var lane = LaneRouter.Name(answer?.Lane ?? Lane);
        var outcome = failure is null ? Values.Ok : Values.Error;
        var all = tags;
        all.Add(Tags.Lane, lane);
        activity?.SetTag(Tags.Lane, lane);
        if (failure is not null)
        {
            all.Add(Tags.ErrorType, failure.Code);
        }

        TelemetryInstruments.GenAiDuration.Record(clock.GetElapsedTime(started).TotalSeconds, all);
        if (answer?.Usage is { } usage)
        {
            Tokens(all, Values.Input, usage.InputTokens, Tags.GenAiInputTokens);
            Tokens(all, Values.Output, usage.OutputTokens, Tags.GenAiOutputTokens);
        }

        all.Add(Tags.Outcome, outcome);
        TelemetryInstruments.ChatCalls.Add(1, all);
        Mark(outcome, failure);
    }

    private void Tokens(TagList shared, string type, long? count, string activityTag)
    {
        if (count is not { } value)
        {
            return;
        }

        shared.Add(Tags.GenAiTokenType, type);
        TelemetryInstruments.GenAiTokens.Record(value, shared);
        activity?.SetTag(activityTag, value);
    }

    private void Count(System.Diagnostics.Metrics.Counter<long> counter, string outcome, Failure? failure)
    {
        if (!TryEnd())
        {
            return;
        }

        var all = tags;
        all.Add(Tags.Outcome, outcome);
        if (failure is not null)
        {
            all.Add(Tags.ErrorType, failure.Code);
        }

        counter.Add(1, all);
        Mark(outcome, failure);
    }

    // Only the stable code describes an error: a detail may quote what a server said.
    private void Mark(string outcome, Failure? failure)
    {
        activity?.SetTag(Tags.Outcome, outcome);
        if (failure is not null)
        {
            activity?.SetTag(Tags.ErrorType, failure.Code);
            activity?.SetStatus(ActivityStatusCode.Error, failure.Code);
        }
    }

    private bool TryEnd() => !silent && Interlocked.Exchange(ref ended, 1) == 0;
}
