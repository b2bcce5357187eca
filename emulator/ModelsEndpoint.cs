using System.Text.Json.Nodes;

namespace XaiGrok.Emulator;

/// <summary>GET /v1/models, answering as api.x.ai does, including its error bodies.</summary>
internal sealed class ModelsEndpoint(EmulatorState state)
{
    private readonly BearerValidator _validator = new(state);

    public IResult Handle(HttpContext context)
    {
        var check = _validator.Check(context.Request);
        switch (check.Status)
        {
            case BearerStatus.Missing:
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return ApiError(StatusCodes.Status401Unauthorized, "unauthenticated", "Missing bearer token.");
            case BearerStatus.Invalid:
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                return ApiError(StatusCodes.Status401Unauthorized, "unauthenticated", "Invalid or revoked bearer token.");
            case BearerStatus.Expired when state.Options.ExpiredTokenAs403:
                return ApiError(StatusCodes.Status403Forbidden, "unauthenticated:bad-credentials", "The OAuth token has expired.");
            case BearerStatus.Expired:
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\", error_description=\"The access token expired\"";
                return ApiError(StatusCodes.Status401Unauthorized, "unauthenticated", "The OAuth token has expired.");
        }

        if (!check.HasSubscription)
        {
            return ApiError(StatusCodes.Status403Forbidden, "permission-denied", "The caller does not have permission: no active Grok subscription");
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

    public static IResult ApiError(int status, string code, string message) =>
        Results.Json(new JsonObject { ["code"] = code, ["error"] = message }, statusCode: status);
}
