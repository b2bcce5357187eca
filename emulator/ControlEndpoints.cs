using System.Text.Json;
using System.Text.Json.Nodes;

namespace XaiGrok.Emulator;

/// <summary><see cref="EmulatorControl"/> over HTTP under /_emulator/, for tests that drive the emulator as a subprocess.</summary>
internal static class ControlEndpoints
{
    public static void Map(WebApplication app, EmulatorControl control)
    {
        var group = app.MapGroup(EmulatorPaths.Control);
        group.MapPost("/approve", EndpointHandler.Of(c => Run(c, body => control.Approve(Text(body, "user_code"), Number(body, "tier")))));
        group.MapPost("/deny", EndpointHandler.Of(c => Run(c, body => control.Deny(Text(body, "user_code")))));
        group.MapPost("/auto-approve", EndpointHandler.Of(c => Run(c, body => control.AutoApproveAuthorization(Number(body, "tier")))));
        group.MapPost("/expire", EndpointHandler.Of(c => Run(c, body => control.Expire(Text(body, "user_code")))));
        group.MapPost("/expire-access-tokens", control.ExpireAccessTokens);
        group.MapPost("/faults", EndpointHandler.Of(c => Run(c, body => control.AddFault(FaultFrom(body)))));
        group.MapGet("/counters", () => Results.Json(control.Counters));
        group.MapPost("/reset-counters", control.ResetCounters);
        group.MapGet("/latest-user-code", () => Results.Json(new JsonObject { ["user_code"] = control.LatestUserCode }));
        group.MapGet("/last-request", (string? path) => LastRequest(control, path));
        group.MapPost("/video-end", EndpointHandler.Of(c => Run(c, body => control.EndVideo(Text(body, "request_id"), Text(body, "status")))));
        group.MapPost("/video-url-origin", EndpointHandler.Of(c => Run(c, body => control.VideoUrlOrigin = OptionalText(body, "origin"))));
    }

    private static IResult LastRequest(EmulatorControl control, string? path) => path switch
    {
        null or "" => Error(StatusCodes.Status400BadRequest, "The \"path\" query parameter is required."),
        _ when control.LastRequestBody(path) is { } body => Results.Text(body, "application/json"),
        _ => Error(StatusCodes.Status404NotFound, $"No request body was received on {path}."),
    };

    private static async Task<IResult> Run(HttpContext context, Action<JsonElement> action)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            action(body.RootElement);
            return Results.NoContent();
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException)
        {
            return Error(StatusCodes.Status400BadRequest, e.Message);
        }
        catch (KeyNotFoundException e)
        {
            return Error(StatusCodes.Status404NotFound, e.Message);
        }
        catch (InvalidOperationException e)
        {
            return Error(StatusCodes.Status409Conflict, e.Message);
        }
    }

    private static EmulatorFault FaultFrom(JsonElement body) => new(Text(body, "path_prefix"), OptionalNumber(body, "count") ?? 1)
    {
        Status = OptionalNumber(body, "status"),
        Body = OptionalText(body, "body"),
        ContentType = OptionalText(body, "content_type"),
        DelayMilliseconds = OptionalNumber(body, "delay_ms") ?? 0,
        DropConnection = Flag(body, "drop_connection"),
        ProcessThenDrop = Flag(body, "process_then_drop"),
        RetryAfter = OptionalText(body, "retry_after"),
        CutStreamAfterEvents = OptionalNumber(body, "cut_stream_after_events"),
    };

    private static string Text(JsonElement body, string name) =>
        OptionalText(body, name) ?? throw new ArgumentException($"\"{name}\" (a string) is required.");

    private static int Number(JsonElement body, string name) =>
        OptionalNumber(body, name) ?? throw new ArgumentException($"\"{name}\" (a number) is required.");

    private static string? OptionalText(JsonElement body, string name) =>
        Property(body, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static int? OptionalNumber(JsonElement body, string name) =>
        Property(body, name) is { ValueKind: JsonValueKind.Number } value ? value.GetInt32() : null;

    private static bool Flag(JsonElement body, string name) =>
        Property(body, name) is { ValueKind: JsonValueKind.True };

    private static JsonElement? Property(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) ? value : null;

    private static IResult Error(int status, string message) =>
        Results.Json(new JsonObject { ["error"] = message }, statusCode: status);
}
