using System.Globalization;
using System.Text.Json.Nodes;

namespace XaiGrok.Emulator;

/// <summary>
/// GET /v1/videos/{request_id}: <c>pending</c> for the first <see cref="EmulatorOptions.VideoPendingPolls"/> requests and
/// <see cref="EmulatorOptions.VideoRenderSeconds"/> of the emulator's clock, then <c>done</c> with <c>video.url</c>; or
/// <c>failed</c> / <c>expired</c> once a test ended the job.
/// </summary>
internal sealed class VideoStatusEndpoint(EmulatorState state)
{
    private readonly ApiGate gate = new(state);

    public IResult Handle(HttpContext context, string requestId)
    {
        if (gate.Refuse(context, out _) is { } refusal)
        {
            return refusal;
        }

        if (state.Videos.Poll(requestId) is not { } found)
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "not-found", $"No video request has the id {requestId}.");
        }

        var (job, polls, ending) = found;
        switch (ending)
        {
            case VideoJobs.Failed:
                return Results.Json(new JsonObject
                {
                    ["status"] = VideoJobs.Failed,
                    ["error"] = new JsonObject { ["code"] = "generation-failed", ["message"] = "The video could not be generated." },
                });
            case VideoJobs.Expired:
                return Results.Json(new JsonObject { ["status"] = VideoJobs.Expired });
        }

        var rendered = polls > state.Options.VideoPendingPolls
            && state.Clock.GetUtcNow() - job.CreatedAt >= TimeSpan.FromSeconds(state.Options.VideoRenderSeconds);
        if (!rendered)
        {
            if (state.Options.VideoRetryAfterSeconds is { } wait)
            {
                context.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            }

            return Results.Json(new JsonObject { ["status"] = "pending", ["model"] = job.Model });
        }

        var origin = state.Videos.UrlOrigin ?? state.Issuer;
        return Results.Json(new JsonObject
        {
            ["status"] = "done",
            ["model"] = job.Model,
            ["video"] = new JsonObject
            {
                ["url"] = origin.TrimEnd('/') + EmulatorPaths.VideoFiles + "/" + job.RequestId + ".mp4",
                ["duration"] = 8,
                ["respect_moderation"] = true,
            },
        });
    }
}
