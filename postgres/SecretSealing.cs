using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using XaiGrok.Onboarding.Storage;

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

    public byte[] SealCredential(byte[] plain) => Seal(credentials, plain);

    /// <summary>The plain bytes, or null when they cannot be opened (another key ring, a damaged value).</summary>
    public byte[]? OpenCredential(byte[] sealedBytes) => Open(credentials, sealedBytes);

    public byte[] SealPendingFlow(byte[] plain) => Seal(pendingFlows, plain);

    public byte[]? OpenPendingFlow(byte[] sealedBytes) => Open(pendingFlows, sealedBytes);

    private static byte[] Seal(IDataProtector protector, byte[] plain)
    {
        try
        {
            return protector.Protect(plain);
        }
        catch (CryptographicException e) when (KeyRingUnreachable(e) is { } unreachable)
        {
            throw unreachable;
        }
    }

    private static byte[]? Open(IDataProtector protector, byte[] sealedBytes)
    {
        try
        {
            return protector.Unprotect(sealedBytes);
        }
        catch (CryptographicException e) when (KeyRingUnreachable(e) is { } unreachable)
        {
            // The key ring (kept in the database) could not be read: the store is down, not the row unreadable.
            throw unreachable;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Data Protection wraps what its key repository threw; the database's failure stays a store failure.</summary>
    private static StorageException? KeyRingUnreachable(Exception problem)
    {
        for (var inner = problem.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is StorageException storage)
            {
                return storage;
            }
        }

        return null;
    }
}
