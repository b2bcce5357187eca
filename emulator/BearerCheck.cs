namespace XaiGrok.Emulator;

/// <summary>
/// The outcome of checking a bearer token: for a valid one, the models /v1/models lists and the models the
/// caller may call (a superset: multi-agent models are callable without being listed).
/// </summary>
internal sealed record BearerCheck(BearerStatus Status, IReadOnlyList<string> Models, bool HasSubscription, IReadOnlyList<string> CallableModels)
{
    public static BearerCheck Missing { get; } = new(BearerStatus.Missing, [], false, []);
    public static BearerCheck Invalid { get; } = new(BearerStatus.Invalid, [], false, []);
    public static BearerCheck Expired { get; } = new(BearerStatus.Expired, [], false, []);
}
