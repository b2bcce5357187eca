namespace XaiGrok.Onboarding.Tests.PostgreSql;

/// <summary>The phases of the fleet test, named in its calls and its summary.</summary>
internal static class FleetPhase
{
    public const string Steady = "steady";
    public const string DatabaseDown = "database_down";
    public const string DatabaseBack = "database_back";
    public const string Kills = "kills";
    public const string Settled = "settled";
}
