namespace XaiGrok.Onboarding.Reliability.Worker;

/// <summary>
/// One long-lived process of a crowd: on each "round N" line, a new module (options from the environment, as the
/// CLI builds them) answers <c>status</c>, which refreshes an expired token; the answer goes out as one line.
/// </summary>
internal static class RefreshRounds
{
    public static async Task<int> RunAsync()
    {
        var allConnected = true;
        await Console.Out.WriteLineAsync(WorkerProtocol.Ready).ConfigureAwait(false);
        while (await Console.In.ReadLineAsync().ConfigureAwait(false) is { } line && line.StartsWith(WorkerProtocol.Round, StringComparison.Ordinal))
        {
            using var module = new GrokOnboarding();
            var status = await module.StatusAsync().ConfigureAwait(false);
            allConnected &= status.Ok && status["connected"] is true;
            await Console.Out.WriteLineAsync($"{line} {status.ToJson(indented: false)}").ConfigureAwait(false);
        }

        return allConnected ? 0 : 1;
    }
}
