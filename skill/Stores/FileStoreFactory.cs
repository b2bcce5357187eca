using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.DeviceGrant;
using XaiGrok.Onboarding.Models;

namespace XaiGrok.Onboarding.Stores;

/// <summary>The default stores: files in the person's 0700 folder, coordinated between processes by <c>flock</c>.</summary>
internal sealed class FileStoreFactory : IOnboardingStoreFactory
{
    public static readonly FileStoreFactory Instance = new();

    private FileStoreFactory()
    {
    }

    public OnboardingStores Create(StoreContext context) => new(
        new CredentialStore(context.Paths, context.Clock, context.Options.LockTimeout, context.FileSystemClock, context.Secrets),
        new PendingFlowStore(context.Paths, context.Clock, context.Options.LockTimeout),
        new ModelCache(context.Paths, context.Clock, context.Options.ModelsCacheTtl, context.FileSystemClock),
        new ModelSelection(context.Paths),
        new ModelAccess(context.Paths, context.Clock, context.Options.LockTimeout, context.FileSystemClock));
}
