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

        if (fault.ProcessThenDrop)
        {
            // Buffer the answer so nothing reaches the client before the abort.
            context.Response.Body = new MemoryStream();
            await next(context);
            context.Abort();
            return;
        }

        if (fault.Status is not { } status)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = fault.ContentType ?? "application/json";
        await context.Response.WriteAsync(fault.Body ?? DefaultBody(path, status).ToJsonString(), context.RequestAborted);
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
