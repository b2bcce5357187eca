namespace XaiGrok.Onboarding.Bench.Stores;

/// <summary>The two stores measured side by side.</summary>
internal enum StoreKind
{
    Files,
    PostgreSql,
}
