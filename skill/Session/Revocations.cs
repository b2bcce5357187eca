namespace XaiGrok.Onboarding.Session;

/// <summary>The outcomes of the best-effort token revocation at logout (RFC 7009).</summary>
internal static class Revocations
{
    public const string Revoked = "revoked";
    public const string NotSupported = "not_supported";
    public const string NothingToRevoke = "nothing_to_revoke";
    public const string Failed = "failed";
}
