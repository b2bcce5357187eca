namespace XaiGrok.Emulator;

/// <summary>
/// GET /media/videos/{name}.mp4: the video's bytes, like the signed link of a file host, so no bearer is asked for. Any
/// id is served, so a second emulator can stand in for a file host on another origin; requests that carried an
/// Authorization header are counted apart, so a test can tell whether a client sent its token there.
/// </summary>
internal sealed class VideoFileEndpoint(EmulatorState state)
{
    public const string WithAuthorizationCounter = "media:with-authorization";

    public IResult Handle(HttpContext context, string name)
    {
        if (context.Request.Headers.Authorization.Count > 0)
        {
            state.Counters.Increment(WithAuthorizationCounter);
        }

        return name.EndsWith(".mp4", StringComparison.Ordinal) && name.Length > 4
            ? Results.Bytes(EmulatorMedia.Mp4, "video/mp4")
            : ApiResults.Error(StatusCodes.Status404NotFound, "not-found", "No such file.");
    }
}
