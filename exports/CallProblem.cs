using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding;

/// <summary>The failure an exception that escaped the engine becomes: storage trouble the person can fix, else a bug.</summary>
internal static class CallProblem
{
    public static Failure From(Exception exception, OnboardingOptions options) =>
        exception is StorageException { Hint: { } hint }
        ? new Failure(ErrorCodes.CredentialStoreError, $"the store could not be used: {exception.Message}", hint)
        : exception is StorageException or IOException or UnauthorizedAccessException
        ? new Failure(
            ErrorCodes.CredentialStoreError,
            $"the state folder could not be used: {exception.Message}",
            $"Check {options.Home} (it must be a folder you own with mode 0700) or set XAI_GROK_HOME.")

        // The message of an unexpected exception is not shown: it could quote a server's answer.
        : new Failure(ErrorCodes.InternalError, $"unexpected {exception.GetType().Name}.", "Please report this with the steps that led to it.");
}
