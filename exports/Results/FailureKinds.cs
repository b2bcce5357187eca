using XaiGrok.Onboarding.Errors;

namespace XaiGrok.Onboarding;

/// <summary>The kind of each stable error code: the one table, so that a code never changes kind between calls.</summary>
internal static class FailureKinds
{
    public static GrokFailureKind Of(string code) => code switch
    {
        ErrorCodes.AccessDenied or ErrorCodes.Expired or ErrorCodes.OAuthError or ErrorCodes.InvalidResponse or ErrorCodes.ReauthRequired => GrokFailureKind.Protocol,
        ErrorCodes.Forbidden or ErrorCodes.RateLimited or ErrorCodes.UpstreamUnavailable or ErrorCodes.ApiKeyRejected or ErrorCodes.GenerationFailed => GrokFailureKind.Http,
        ErrorCodes.NetworkError or ErrorCodes.StreamInterrupted => GrokFailureKind.Network,
        ErrorCodes.ClientNotConfigured or ErrorCodes.InvalidConfiguration => GrokFailureKind.Configuration,
        ErrorCodes.CredentialStoreError => GrokFailureKind.Storage,
        ErrorCodes.NotConnected or ErrorCodes.NoPendingFlow => GrokFailureKind.Session,
        ErrorCodes.InvalidRequest or ErrorCodes.ModelUnavailable or ErrorCodes.UsageError => GrokFailureKind.Request,
        _ => GrokFailureKind.Internal,
    };
}
