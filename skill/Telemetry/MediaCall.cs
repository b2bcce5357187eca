using System.Diagnostics;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Models;
using Tags = XaiGrok.Onboarding.Telemetry.TelemetryNames.Tags;
using Values = XaiGrok.Onboarding.Telemetry.TelemetryNames.Values;

namespace XaiGrok.Onboarding.Telemetry;

/// <summary>
/// Counts one image or video API call (a generation, or a video's status or download) by its outcome, with the server
/// it went to, which it learns from the request as it is built (only its host and port are kept).
/// </summary>
internal sealed class MediaCall(string? upstreamModel, RequestKind kind)
{
    private Uri? target;

    public Func<HttpRequestMessage> Watch(Func<HttpRequestMessage> build) => () =>
    {
        var request = build();
        target = request.RequestUri;
        return request;
    };

    public Outcome<HttpReply> End(Outcome<HttpReply> result)
    {
        if (!TelemetryInstruments.MediaCalls.Enabled)
        {
            return result;
        }

        var tags = new TagList
        {
            { Tags.Lane, upstreamModel is not null && ModelKinds.KindOf(upstreamModel) == ModelKinds.Image ? Values.Images : Values.Videos },
            { Tags.MediaOperation, kind == RequestKind.ChatPost ? Values.Generate : Values.Status },
            { Tags.Outcome, result.IsSuccess ? Values.Ok : Values.Error },
        };
        if (upstreamModel is not null)
        {
            tags.Add(Tags.GenAiRequestModel, upstreamModel);
        }

        if (target is { IsAbsoluteUri: true } uri)
        {
            tags.Add(Tags.ServerAddress, uri.Host);
            tags.Add(Tags.ServerPort, uri.Port);
        }

        if (!result.IsSuccess)
        {
            tags.Add(Tags.ErrorType, result.Failure.Code);
        }

        TelemetryInstruments.MediaCalls.Add(1, tags);
        return result;
    }
}
