namespace XaiGrok.Onboarding.Platform;

/// <summary>A platform user with a stored session, and which xAI account it is linked to (no token).</summary>
internal sealed record LinkedUser(string UserId, string Source, string? Subject, string? Email, long? Tier, DateTimeOffset ExpiresAt, bool NeedsReauth);
