using System.Globalization;
using System.Text.Json.Nodes;

namespace XaiGrok.Emulator;

/// <summary>POST /v1/videos/generations: checks as for images, then answers at once with the new job's <c>request_id</c>.</summary>
internal sealed class VideoGenerationsEndpoint(EmulatorState state)
{
    private readonly ApiGate gate = new(state);

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        if (gate.Refuse(context, out var check) is { } refusal)
        {
            return refusal;
        }

        try
        {
            var body = await JsonRequestBody.ReadAsync(context);
            var model = JsonRequestBody.MediaModel(body, check, "video");
            JsonRequestBody.Prompt(body);
            if (JsonRequestBody.Number(body, "duration") is < 1 or > 15)
            {
                throw ApiRefusal.InvalidArgument("duration must be between 1 and 15 seconds");
            }

            JsonRequestBody.Text(body, "aspect_ratio");
            JsonRequestBody.Text(body, "resolution");
            var job = state.Videos.Create(model, state.Clock.GetUtcNow());
            if (state.Options.VideoRetryAfterSeconds is { } wait)
            {
                context.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            }

            return Results.Json(new JsonObject { ["request_id"] = job.RequestId });
        }
        catch (ApiRefusal e)
        {
            return e.ToResult();
        }
    }
}
