namespace XaiGrok.Onboarding.Tokens;

/// <summary>The tokens a token endpoint issued (RFC 6749 §5.1), already validated. Never printed.</summary>
internal sealed record TokenResponse(string AccessToken, string? RefreshToken, string? IdToken, long? ExpiresInSeconds, string? Scope)
{
    public override string ToString() => $"TokenResponse(access_token=[redacted], refresh_token={(RefreshToken is null ? "none" : "[redacted]")}, expires_in={ExpiresInSeconds})";
}
