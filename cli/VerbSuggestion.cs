namespace XaiGrok.Onboarding.Cli;

/// <summary>The verb a mistyped one most likely meant: the nearest by edit distance, when it is near enough to be a typo.</summary>
internal static class VerbSuggestion
{
    public static string? For(string word, IReadOnlyList<string> verbs)
    {
        var typed = word.ToLowerInvariant();
        var nearest = verbs.MinBy(verb => Distance(typed, verb));
        return nearest is not null && Distance(typed, nearest) <= Math.Max(2, typed.Length / 2) ? nearest : null;
    }

    /// <summary>Levenshtein distance, where swapping two neighbours counts as one edit (the commonest typo).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
