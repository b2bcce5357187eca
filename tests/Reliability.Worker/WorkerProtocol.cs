using System.Globalization;

namespace XaiGrok.Onboarding.Reliability.Worker;

/// <summary>The verbs, lines and token shapes the reliability tests and the worker share (compiled into both).</summary>
internal static class WorkerProtocol
{
    /// <summary><c>write HOME PROGRESS-FILE COUNT</c>: COUNT writes of auth.json, each with the next sequence number.</summary>
    public const string WriteVerb = "write";

    /// <summary><c>rounds</c>: one <c>status</c> per "round N" line on stdin (options from the environment, as the CLI).</summary>
    public const string RoundsVerb = "rounds";

    /// <summary><c>hold-lock LOCK-FILE MILLISECONDS TIMES</c>: after "go" on stdin, takes the credential lock TIMES times.</summary>
    public const string HoldLockVerb = "hold-lock";

    public const string Ready = "ready";
    public const string Go = "go";
    public const string Round = "round";
    public const string Enter = "enter";
    public const string Leave = "leave";

    private const string AccessPrefix = "crash-access-";
    private const string RefreshPrefix = "crash-refresh-";

    /// <summary>The progress file holds one long: the sequence number being written and the phase, in one store.</summary>
    public static long Encode(long sequence, WritePhase phase) => (sequence << 3) | (long)phase;

    public static (long Sequence, WritePhase Phase) Decode(long value) => (value >> 3, (WritePhase)(value & 7));

    public static string AccessToken(long sequence, int padding) => Token(AccessPrefix, sequence, padding);

    public static string RefreshToken(long sequence, int padding) => Token(RefreshPrefix, sequence, padding);

    /// <summary>The sequence number an access or refresh token of the crash writer carries, or null for any other text.</summary>
    public static long? SequenceOf(string? token)
    {
        foreach (var prefix in (ReadOnlySpan<string>)[AccessPrefix, RefreshPrefix])
        {
            if (token is not null && token.StartsWith(prefix, StringComparison.Ordinal))
            {
                var digits = token.AsSpan(prefix.Length);
                var end = digits.IndexOf('.');
                return long.TryParse(end < 0 ? digits : digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : null;
            }
        }

        return null;
    }

    private static string Token(string prefix, long sequence, int padding) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{sequence}.{new string('x', padding)}");
}
