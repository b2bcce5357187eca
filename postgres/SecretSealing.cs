using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace XaiGrok.Onboarding.PostgreSql;

/// <summary>
/// Seals what the tables hold of a secret with the host's Data Protection, one purpose per kind of secret, so that a
/// sealed credential can never be opened as a pending sign-in (or the reverse), and a database dump holds no token.
/// </summary>
internal sealed class SecretSealing(IDataProtectionProvider provider)
{
    private const string Root = "XaiGrok.Onboarding.PostgreSql";

    private readonly IDataProtector credentials = provider.CreateProtector(Root, "credential", "v1");
    private readonly IDataProtector pendingFlows = provider.CreateProtector(Root, "pending-flow", "v1");

    public byte[] SealCredential(byte[] plain) => credentials.Protect(plain);

    /// <summary>The plain bytes, or null when they cannot be opened (another key ring, a damaged value).</summary>
    public byte[]? OpenCredential(byte[] sealedBytes) => Open(credentials, sealedBytes);

    public byte[] SealPendingFlow(byte[] plain) => pendingFlows.Protect(plain);

    public byte[]? OpenPendingFlow(byte[] sealedBytes) => Open(pendingFlows, sealedBytes);

    private static byte[]? Open(IDataProtector protector, byte[] sealedBytes)
    {
        try
        {
            return protector.Unprotect(sealedBytes);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
