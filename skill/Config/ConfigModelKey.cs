using XaiGrok.Onboarding.Credentials;

namespace XaiGrok.Onboarding.Config;

/// <summary>One <c>[model."name"]</c> section: its key or the variable holding it, and the section's line.</summary>
internal sealed record ConfigModelKey(ModelKeyEntry Entry, int Line);
