using XaiGrok.Onboarding.Errors;

namespace XaiGrok.Onboarding.AI;

/// <summary>Where a failure happened, from its stable code: what a host's retry or alert policy keys on.</summary>
internal static class FailureKinds
{
    public const string Protocol = "protocol";
    public const string Http = "http";
    public const string Network = "network";
    public const string Configuration = "configuration";
    public const string Storage = "storage";

    public static string Of(string code) => code switch
    {
        ErrorCodes.NetworkError => Network,
        ErrorCodes.InvalidConfiguration or ErrorCodes.ClientNotConfigured => Configuration,
        ErrorCodes.CredentialStoreError => Storage,
        ErrorCodes.RateLimited or ErrorCodes.Forbidden or ErrorCodes.UpstreamUnavailable or ErrorCodes.InvalidResponse
            or ErrorCodes.StreamInterrupted or ErrorCodes.ModelUnavailable or ErrorCodes.ApiKeyRejected => Http,
        _ => Protocol,
    };
}
