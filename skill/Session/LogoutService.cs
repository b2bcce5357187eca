using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Stores;
using Parameters = XaiGrok.Onboarding.Protocol.OAuthConstants.Parameters;

namespace XaiGrok.Onboarding.Session;

/// <summary>
/// Removes local state first (so logout always works offline), then revokes the refresh token when the issuer
/// advertised a revocation endpoint (RFC 7009), best effort.
/// </summary>
internal sealed class LogoutService(ICredentialStore store, IPendingFlowStore flows, IModelCacheStore models, IModelAccessStore access, StatePaths paths, Func<HttpSender> http)
{
    public async Task<LogoutReport> LogoutAsync(CancellationToken cancellationToken)
    {
        Credential? removed;
        bool existed;
        using (await store.LockAsync(cancellationToken).ConfigureAwait(false))
        {
            var read = store.Read();
            existed = read.Credential is not null || read.Problem is not null;
            removed = read.Credential;
            store.Delete();
            SafeFile.Delete(paths.CredentialFile + StatePaths.CorruptSuffix);
        }

        int pending;
        using (await flows.LockAsync(cancellationToken).ConfigureAwait(false))
        {
            pending = flows.RemoveAll();
            flows.ClearCompleted();
        }

        models.Clear();
        access.Clear();
        var (revocation, detail) = await RevokeAsync(removed, cancellationToken).ConfigureAwait(false);
        return new LogoutReport(existed, pending, revocation, detail);
    }

    private async Task<(string, string?)> RevokeAsync(Credential? credential, CancellationToken cancellationToken)
    {
        if (credential?.RefreshToken is not { } refreshToken)
        {
            return (Revocations.NothingToRevoke, null);
        }

        if (credential.RevocationEndpoint is null || !Uri.TryCreate(credential.RevocationEndpoint, UriKind.Absolute, out var endpoint))
        {
            return (Revocations.NotSupported, "the issuer advertises no revocation endpoint; the local session was removed.");
        }

        var form = new List<KeyValuePair<string, string>>
        {
            new(Parameters.Token, refreshToken),
            new(Parameters.TokenTypeHint, Parameters.RefreshToken),
        };
        if (credential.ClientId is { } clientId)
        {
            form.Add(new(Parameters.ClientId, clientId));
        }

        // RFC 7009 §2.2: revoking an unknown or already revoked token also answers 200, so repeating is safe.
        var sent = await http().SendAsync(() => new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) }, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        if (!sent.IsSuccess)
        {
            return (Revocations.Failed, sent.Failure.Detail + " The local session was removed anyway.");
        }

        return sent.Value.IsSuccess
            ? (Revocations.Revoked, null)
            : (Revocations.Failed, $"the revocation endpoint answered HTTP {sent.Value.StatusCode}; the local session was removed anyway.");
    }
}
