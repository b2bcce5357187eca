namespace XaiGrok.Emulator;

/// <summary>
/// Keeps the raw body of every POST to /v1/ (before faults apply, so a refused request is kept too) and
/// rewinds it for the endpoint. OAuth forms are not kept: they carry codes and refresh tokens.
/// </summary>
internal sealed class RequestCapture(RequestBodies bodies)
{
    private const string ApiPrefix = "/v1/";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (HttpMethods.IsPost(request.Method) && path.StartsWith(ApiPrefix, StringComparison.Ordinal))
        {
            request.EnableBuffering();
            using (var reader = new StreamReader(request.Body, leaveOpen: true))
            {
                bodies.Record(path, await reader.ReadToEndAsync(context.RequestAborted));
            }

            request.Body.Position = 0;
        }

        await next(context);
    }
}
