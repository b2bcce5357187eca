namespace XaiGrok.Emulator;

internal static class EndpointHandler
{
    // Typed as Delegate so minimal APIs write the returned IResult; bound as a RequestDelegate it would be discarded.
    public static Delegate Of(Func<HttpContext, Task<IResult>> handler) => handler;
}
