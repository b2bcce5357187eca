using System.Text.Json.Nodes;

namespace XaiGrok.Emulator;

/// <summary>Applies the next matching <see cref="EmulatorFault"/> instead of, or around, the real endpoint.</summary>
internal sealed class FaultInjection(FaultList faults)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith(EmulatorPaths.Control, StringComparison.Ordinal) || faults.Take(path) is not { } fault)
        {
            await next(context);
            return;
        }

        if (fault.DelayMilliseconds > 0)
        {
            try
            {
                // Real time on purpose: this simulates a slow network for the client's timeout, not the emulator's clock.
                await Task.Delay(fault.DelayMilliseconds, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (fault.DropConnection)
        {
            context.Abort();
            return;
        }

        if (fault.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        if (fault.CutStreamAfterEvents is { } cut)
        {
            context.Features.Set(new StreamCut(cut));
        }

        if (fault.Hold is { } hold)
        {
            // With a status, the injected answer is the one held; without, the real one.
            await HoldAsync(context, fault.Status is null ? next : c => WriteInjectedAsync(c, fault, path), hold);
            return;
        }

        if (fault.ProcessThenDrop)
        {
            // Buffer the answer so nothing reaches the client before the abort.
            context.Response.Body = new MemoryStream();
            await next(context);
            context.Abort();
            return;
        }

        if (fault.Status is null)
        {
            await next(context);
            return;
        }

        await WriteInjectedAsync(context, fault, path);
    }

    private static async Task WriteInjectedAsync(HttpContext context, EmulatorFault fault, string path)
    {
        var status = fault.Status!.Value;
        context.Response.StatusCode = status;
        context.Response.ContentType = fault.ContentType ?? "application/json";
        await context.Response.WriteAsync(fault.Body ?? DefaultBody(path, status).ToJsonString(), context.RequestAborted);
    }

    private static async Task HoldAsync(HttpContext context, RequestDelegate next, EmulatorHold hold)
    {
        var body = context.Response.Body;
        var buffered = new MemoryStream();
        context.Response.Body = buffered;
        await next(context);
        context.Response.Body = body;
        try
        {
            if (hold.SendHeadersFirst)
            {
                context.Response.ContentLength = buffered.Length;
                await context.Response.StartAsync(context.RequestAborted);
                await body.FlushAsync(context.RequestAborted);
            }

            hold.MarkReached();

            // Not cut short by the client going away: the test decides when the answer goes out, to whoever is left.
            await hold.Released;
            context.Response.ContentLength ??= buffered.Length;
            await body.WriteAsync(buffered.GetBuffer().AsMemory(0, (int)buffered.Length), context.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client has gone: the answer is lost, as it would be on a real network.
            hold.MarkReached();
        }
    }

    private static JsonObject DefaultBody(string path, int status)
    {
        if (path.StartsWith("/oauth2/", StringComparison.Ordinal))
        {
            var error = status == StatusCodes.Status503ServiceUnavailable ? OAuthErrors.TemporarilyUnavailable : OAuthErrors.ServerError;
            return new JsonObject { ["error"] = error, ["error_description"] = $"Injected fault ({status})." };
        }

        return ApiResults.Body(ApiResults.CodeFor(status), $"Injected fault ({status}).");
    }
}
