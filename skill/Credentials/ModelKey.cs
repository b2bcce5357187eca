namespace XaiGrok.Onboarding.Credentials;

/// <summary>A per-model key and where it was found, in words a person can act on (the key itself is never shown).</summary>
internal sealed record ModelKey(string Value, string Origin)
{
    public override string ToString() => $"ModelKey(origin={Origin}, value=[redacted])";
}
