using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding.Tests.Stores;

/// <summary>The store contract against the default store: the files under the person's folder.</summary>
public sealed class FileStoreContractTests : StoreContractTests
{
    private protected override Task<OnboardingStores> OpenAsync() => Task.FromResult(FileStoreFactory.Instance.Create(Context()));
}
