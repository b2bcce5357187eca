namespace XaiGrok.Emulator;

/// <summary>The outcome of checking a bearer token: for a valid one, the models it may list.</summary>
internal sealed record BearerCheck(BearerStatus Status, IReadOnlyList<string> Models, bool HasSubscription)
{
    public static BearerCheck Missing { get; } = new(BearerStatus.Missing, [], false);
    public static BearerCheck Invalid { get; } = new(BearerStatus.Invalid, [], false);
    public static BearerCheck Expired { get; } = new(BearerStatus.Expired, [], false);
}
