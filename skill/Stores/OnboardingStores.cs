namespace XaiGrok.Onboarding.Stores;

/// <summary>The stores of one person, as one <see cref="IOnboardingStoreFactory"/> made them.</summary>
internal sealed record OnboardingStores(ICredentialStore Credentials, IPendingFlowStore PendingFlows, IModelCacheStore ModelCache, IModelChoiceStore ModelChoice, IModelAccessStore ModelAccess);
