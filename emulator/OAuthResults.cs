using System.Text.Json.Nodes;

namespace XaiGrok.Emulator;

internal static class OAuthResults
{
    /// <summary>An RFC 6749 §5.2 error response.</summary>
    public static IResult Error(string error, string description, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new JsonObject { ["error"] = error, ["error_description"] = description }, statusCode: status);

    /// <summary>RFC 6749 §5.1: responses carrying or refusing credentials must not be cached.</summary>
    public static void ForbidCaching(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }
}
