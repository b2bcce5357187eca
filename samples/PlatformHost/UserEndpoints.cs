using Microsoft.AspNetCore.Mvc;
using XaiGrok.Onboarding;

namespace XaiGrok.Samples.PlatformHost;

/// <summary>
/// The per-user endpoints: each checks the id, asks <see cref="GrokPlatform.ForUser"/> for the user's session (cheap, per
/// request) and answers the library's result, with the contract's keys made present and sign-in hints in this API's terms.
/// </summary>
internal static class UserEndpoints
{
    public static async Task<IResult> ListAsync(GrokPlatform grok, CancellationToken cancellationToken) =>
        JsonAnswer.From(await grok.ListUsersAsync(cancellationToken));

    public static async Task<IResult> ConnectAsync(string id, GrokPlatform grok, CancellationToken cancellationToken) =>
        RouteUserId.Read(id) is { } user
            ? JsonAnswer.From(await grok.ForUser(user).StartAsync(cancellationToken), user, "pending_id", "user_code", "verification_url_with_code", "expires_in_seconds")
            : RouteUserId.InvalidId;

    /// <summary>Polls the user's newest sign-in, or the one <c>?pending_id=</c> names; never before its interval.</summary>
    public static async Task<IResult> PollAsync(string id, [FromQuery(Name = "pending_id")] string? pendingId, GrokPlatform grok, CancellationToken cancellationToken) =>
        RouteUserId.Read(id) is { } user
            ? JsonAnswer.From(await grok.ForUser(user).PollAsync(pendingId, cancellationToken), user, "status", "tier")
            : RouteUserId.InvalidId;

    public static async Task<IResult> StatusAsync(string id, GrokPlatform grok, CancellationToken cancellationToken) =>
        RouteUserId.Read(id) is { } user
            ? JsonAnswer.From(await grok.ForUser(user).StatusAsync(cancellationToken), user, "connected", "source", "tier", "subject")
            : RouteUserId.InvalidId;

    public static async Task<IResult> ChatAsync(string id, HttpRequest request, GrokPlatform grok, CancellationToken cancellationToken)
    {
        if (RouteUserId.Read(id) is not { } user)
        {
            return RouteUserId.InvalidId;
        }

        var (body, failure) = await ChatBody.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return failure!;
        }

        var answer = await grok.ForUser(user).ChatAsync(body.Model, [ChatMessage.User(body.Message)], cancellationToken: cancellationToken);
        return JsonAnswer.From(answer, user, "content", "lane", "model");
    }

    /// <summary>Ends the user's session: revoked at xAI when the issuer allows it, removed from the user's folder.</summary>
    public static async Task<IResult> DeleteAsync(string id, GrokPlatform grok, CancellationToken cancellationToken) =>
        RouteUserId.Read(id) is { } user
            ? JsonAnswer.From(await grok.RevokeAsync(user, cancellationToken), user)
            : RouteUserId.InvalidId;
}
