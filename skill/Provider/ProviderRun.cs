namespace XaiGrok.Onboarding.Provider;

/// <summary>How one run of the external auth provider ended: its exit code, stdout (capped), stderr lines.</summary>
internal sealed record ProviderRun(int? ExitCode, string Stdout, IReadOnlyList<string> StderrLines, bool TimedOut, bool StdoutTooLarge, string? StartProblem)
{
    /// <summary>The first https URL the provider printed on stderr: the sign-in link to show the person.</summary>
    public string? SignInUrl => StderrLines.Select(ProviderLineRedaction.FirstHttpsUrl).FirstOrDefault(url => url is not null)?.AbsoluteUri;

    public override string ToString() => $"ProviderRun(exit={ExitCode}, timed_out={TimedOut}, stdout=[{Stdout.Length} chars, not shown])";
}
