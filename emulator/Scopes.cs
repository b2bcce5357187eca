namespace XaiGrok.Emulator;

internal static class Scopes
{
    public const string OpenId = "openid";
    public const string Default = "openid profile email offline_access api:access";

    public static readonly IReadOnlyList<string> Supported = ["openid", "profile", "email", "offline_access", "api:access"];

    public static string[] Split(string scope) => scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static bool AreSupported(string scope) => Split(scope).All(Supported.Contains);

    public static bool Includes(string scope, string wanted) => Split(scope).Contains(wanted, StringComparer.Ordinal);

    /// <summary>RFC 6749 §6: a refresh may narrow the scope, never widen it.</summary>
    public static bool IsSubsetOf(string requested, string granted) => Split(requested).All(Split(granted).Contains);
}
