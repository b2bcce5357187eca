namespace XaiGrok.Onboarding.DeviceGrant;

/// <summary>A validated device authorization response (RFC 8628 §3.2). The device code is secret: never shown.</summary>
internal sealed record DeviceAuthorization(
    string DeviceCode,
    string UserCode,
    Uri VerificationUri,
    Uri VerificationUriComplete,
    int ExpiresInSeconds,
    int IntervalSeconds)
{
    public override string ToString() => $"DeviceAuthorization(user_code={UserCode}, device_code=[redacted], expires_in={ExpiresInSeconds})";
}
