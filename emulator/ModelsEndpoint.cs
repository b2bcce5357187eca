using System.Text.Json.Nodes;

namespace XaiGrok.Emulator;

/// <summary>GET /v1/models, answering as api.x.ai does, including its error bodies.</summary>
internal sealed class ModelsEndpoint(EmulatorState state)
{
    private readonly ApiGate gate = new(state);

    public IResult Handle(HttpContext context)
    {
        if (gate.Refuse(context, out var check) is { } refusal)
        {
            return refusal;
        }

        var data = new JsonArray([.. check.Models.Select(id => new JsonObject
        {
            ["id"] = id,
            ["object"] = "model",
            ["created"] = ModelCatalog.CreatedUnixSeconds,
            ["owned_by"] = "xai",
        })]);
        return Results.Json(new JsonObject { ["object"] = "list", ["data"] = data });
    }
}
