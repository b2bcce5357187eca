namespace XaiGrok.Onboarding.PostgreSql;

/// <summary>The database's schema is newer than this library's: every replica must be updated before this one serves.</summary>
internal sealed class SchemaTooNewException(string message) : InvalidOperationException(message);
