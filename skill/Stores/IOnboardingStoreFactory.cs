namespace XaiGrok.Onboarding.Stores;

/// <summary>
/// Makes the stores of one runtime (one person). The default is <see cref="FileStoreFactory"/>, the files under
/// <see cref="OnboardingOptions.Home"/>; the package XaiGrok.Onboarding.PostgreSql gives one that shares a person across
/// replicas through PostgreSQL.
/// </summary>
internal interface IOnboardingStoreFactory
{
    OnboardingStores Create(StoreContext context);
}
