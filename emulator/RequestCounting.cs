namespace XaiGrok.Emulator;

/// <summary>Counts each request by path, and token requests also by grant type; control requests are not counted.</summary>
internal sealed class RequestCounting(RequestCounters counters)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "/";
        if (!path.StartsWith(EmulatorPaths.Control, StringComparison.Ordinal))
        {
            counters.Increment(path);
            if (path == EmulatorPaths.Token && HttpMethods.IsPost(context.Request.Method) && OAuthForm.IsFormContentType(context.Request))
            {
                // The form is cached on the request, so the endpoint reads the same one.
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                if (form["grant_type"] is { Count: 1 } grantType && !string.IsNullOrEmpty(grantType[0]))
                {
                    counters.Increment(GrantTypes.CounterName(grantType[0]!));
                }
            }
        }

        await next(context);
    }
}
