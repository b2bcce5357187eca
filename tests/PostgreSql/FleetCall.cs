namespace XaiGrok.Onboarding.Tests.PostgreSql;

/// <summary>
/// One call of the fleet test: to which replica, in which phase, how it ended (<paramref name="Error"/> is the host's error
/// code, or <c>connection</c> when no answer came), how long it took, and whether the replica it was sent to was killed
/// under it (down when sent, or a new process by the time it ended).
/// </summary>
internal sealed record FleetCall(string Phase, int User, int Replica, bool Ok, int Status, string? Error, TimeSpan Latency, bool ToAKilledReplica);
