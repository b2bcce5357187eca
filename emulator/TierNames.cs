namespace XaiGrok.Emulator;

/// <summary>
/// The subscription each tier number stands for, as the module maps the token's <c>tier</c> claim (its TierTable; the
/// emulator does not reference the module, and a test keeps the two equal): the approval page names them.
/// </summary>
internal static class TierNames
{
    public static IReadOnlyList<string> All { get; } =
    [
        "Free",
        "SuperGrok",
        "X Basic",
        "X Premium",
        "X Premium+",
        "SuperGrok Heavy",
        "SuperGrok Lite",
        "SuperGrok Plus",
    ];
}
