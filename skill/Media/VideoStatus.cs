namespace XaiGrok.Onboarding.Media;

/// <summary>What <c>GET {api}/videos/{request_id}</c> said: pending, done (with the file's URL), failed or expired.</summary>
internal sealed record VideoStatus(string Status, Uri? Url, string? Message)
{
    public const string Failed = "failed";
    public const string Expired = "expired";
}
