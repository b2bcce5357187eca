using XaiGrok.Onboarding;

namespace XaiGrok.Samples.PlatformHost;

/// <summary>The platform's user id from the path, checked before the library sees it.</summary>
internal static class RouteUserId
{
    public static JsonAnswer InvalidId { get; } = JsonAnswer.Failure(
        StatusCodes.Status400BadRequest,
        "invalid_request",
        "the user id in the path is not a valid platform user id.",
        "Use 1 to 256 characters, not \".\" or \"..\", without a slash, backslash or control character; URL-encode it in the path.");

    /// <summary>
    /// The id as the platform meant it, or null when it is not one <see cref="GrokPlatform.ForUser"/> takes. The server
    /// decodes every escape of the path but <c>%2F</c> (so that a route segment never splits): decoded here, a slash
    /// sent as <c>%2F</c> is seen, and refused, rather than taken as the three characters.
    /// </summary>
    public static string? Read(string routeValue)
    {
        var id = routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        return GrokPlatform.IsValidUserId(id) ? id : null;
    }
}
