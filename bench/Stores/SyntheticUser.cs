using System.Security.Cryptography;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.DeviceGrant;

namespace XaiGrok.Onboarding.Bench.Stores;

/// <summary>
/// What a store holds for one user, shaped like what the emulator issued (the same token lengths, random contents, so
/// nothing compresses better than a real token would).
/// </summary>
internal static class SyntheticUser
{
    public static Credential Credential(Credential shape) => shape with
    {
        AccessToken = Random(shape.AccessToken.Length),
        RefreshToken = shape.RefreshToken is null ? null : Random(shape.RefreshToken.Length),
        IdToken = shape.IdToken is null ? null : Random(shape.IdToken.Length),
        ObtainedAt = TimeProvider.System.GetUtcNow(),
        ExpiresAt = TimeProvider.System.GetUtcNow().AddHours(6),
    };

    public static PendingFlow Flow(string issuer)
    {
        var now = TimeProvider.System.GetUtcNow();
        return new PendingFlow
        {
            PendingId = PendingFlowStore.NewPendingId(),
            Issuer = issuer,
            ClientId = "bench-client",
            TokenEndpoint = issuer + "/oauth2/token",
            DeviceCode = Random(43),
            UserCode = "ABCD-EFGH",
            VerificationUri = issuer + "/device",
            VerificationUriComplete = issuer + "/device?user_code=ABCD-EFGH",
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(15),
            IntervalSeconds = 5,
            NextPollAt = now,
        };
    }

    private static string Random(int length) => RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", length);
}
