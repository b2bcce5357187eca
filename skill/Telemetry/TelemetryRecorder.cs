using System.Diagnostics;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Lanes;
using Activities = XaiGrok.Onboarding.Telemetry.TelemetryNames.Activities;
using Tags = XaiGrok.Onboarding.Telemetry.TelemetryNames.Tags;
using Values = XaiGrok.Onboarding.Telemetry.TelemetryNames.Values;

namespace XaiGrok.Onboarding.Telemetry;

/// <summary>
/// One module instance's view of the shared instruments: it opens the scopes of its sign-ins, refreshes and chats,
/// tagging their activities with <see cref="UserId"/> when the host set one. The user id stays off the metrics (one
/// series per user would grow without bound on a platform).
/// </summary>
internal sealed class TelemetryRecorder(TimeProvider clock)
{
    /// <summary>The platform's id for the person this instance serves, set by the host; tagged <c>enduser.id</c> on activities.</summary>
    public string? UserId { get; set; }

    public TelemetryScope BeginSignIn(string activityName, string flow, Uri? issuer)
    {
        var scope = Begin(activityName, ActivityKind.Internal);
        scope.Add(Tags.Flow, flow);
        scope.Server(issuer?.AbsoluteUri);
        return scope;
    }

    public TelemetryScope BeginRefresh() => Begin(Activities.Refresh, ActivityKind.Internal);

    public TelemetryScope BeginChat(string upstreamModel, Uri apiBase, bool stream)
    {
        var scope = Begin(Activities.ChatPrefix + upstreamModel, ActivityKind.Client);
        scope.Lane = LaneRouter.LaneFor(upstreamModel);
        scope.Add(Tags.GenAiOperation, Values.Chat);
        scope.Add(Tags.GenAiSystem, Values.Xai);
        scope.Add(Tags.GenAiRequestModel, upstreamModel);
        scope.Server(apiBase.AbsoluteUri);
        scope.Add(Tags.Streamed, stream);
        return scope;
    }

    /// <summary>
    /// Records one HTTP attempt's duration, by the <c>http.client.request.duration</c> convention: the status, or
    /// <paramref name="errorType"/> when no answer came; <c>error.type</c> is the status for 4xx and 5xx.
    /// </summary>
    public static void Http(HttpRequestMessage request, int? status, string? errorType, TimeSpan elapsed)
    {
        if (!TelemetryInstruments.HttpDuration.Enabled || request.RequestUri is not { IsAbsoluteUri: true } uri)
        {
            return;
        }

        var tags = new TagList
        {
            { Tags.HttpMethod, request.Method.Method },
            { Tags.ServerAddress, uri.Host },
            { Tags.ServerPort, uri.Port },
            { Tags.UrlScheme, uri.Scheme },
        };
        if (status is { } code)
        {
            tags.Add(Tags.HttpStatus, code);
        }

        errorType ??= status >= 400 ? status.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        if (errorType is not null)
        {
            tags.Add(Tags.ErrorType, errorType);
        }

        TelemetryInstruments.HttpDuration.Record(elapsed.TotalSeconds, tags);
    }

    private TelemetryScope Begin(string name, ActivityKind kind)
    {
        var activity = TelemetryInstruments.Source.StartActivity(name, kind);
        if (activity is null && !TelemetryInstruments.AnyOperationMetricEnabled)
        {
            return TelemetryScope.Silent;
        }

        if (activity is not null && UserId is { } user)
        {
            activity.SetTag(Tags.EndUserId, user);
        }

        return new TelemetryScope(activity, clock);
    }
}
