using System.Text.Json.Nodes;

namespace XaiGrok.Emulator;

/// <summary>
/// POST /v1/images/generations: the bearer check of chat, an image model the caller may use, a prompt, <c>n</c> from 1
/// to 10 and <c>response_format: "b64_json"</c>; the answer carries the same small PNG <c>n</c> times.
/// </summary>
internal sealed class ImagesEndpoint(EmulatorState state)
{
    private const int MaxImages = 10;

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
            var model = JsonRequestBody.MediaModel(body, check, "image");
            var prompt = JsonRequestBody.Prompt(body);
            var count = JsonRequestBody.Number(body, "n") ?? 1;
            if (count is < 1 or > MaxImages)
            {
                throw ApiRefusal.InvalidArgument($"n must be between 1 and {MaxImages}");
            }

            if (JsonRequestBody.Text(body, "response_format") is { } format && format != "b64_json")
            {
                throw ApiRefusal.InvalidArgument("The emulator answers response_format b64_json only.");
            }

            var data = new JsonArray([.. Enumerable.Range(0, count).Select(_ => new JsonObject
            {
                ["b64_json"] = EmulatorMedia.PngBase64,
                ["mime_type"] = "image/png",
                ["revised_prompt"] = prompt,
            })]);
            return Results.Json(new JsonObject { ["model"] = model, ["data"] = data });
        }
        catch (ApiRefusal e)
        {
            return e.ToResult();
        }
    }
}
