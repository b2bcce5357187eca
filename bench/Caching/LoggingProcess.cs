using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using XaiGrok.Onboarding.Logging;

namespace XaiGrok.Onboarding.Bench.Caching;

/// <summary>
/// A cold <c>status</c> process with the module's deferred logging against one with the logging built at start, as a
/// CLI call pays it: this program started afresh for each run, the two kinds interleaved (so load on the machine hits
/// both alike), medians and their ratio. The state folder holds a settled session, so status makes no request.
/// </summary>
internal static class LoggingProcess
{
    public static ILoggerFactory BuildEager(LogLevel level, TextWriter stderr) =>
        LoggerFactory.Create(builder => builder.SetMinimumLevel(level).AddProvider(new StderrLoggerProvider(stderr, TimeProvider.System)));

    /// <summary>The child: one status, the JSON on stdout, logging deferred or built at start.</summary>
    public static async Task<int> StatusOnceAsync(bool eager)
    {
        var options = OnboardingOptions.FromEnvironment();
        var logging = eager ? BuildEager(options.LogLevel, Console.Error) : null;
        using (var module = new GrokOnboarding(new Runtime.OnboardingRuntime(options, TimeProvider.System, loggerFactory: logging)))
        {
            var status = await module.StatusAsync();
            Console.Out.Write(status.ToJson());
        }

        logging?.Dispose();
        return 0;
    }

    /// <summary>The parent: <paramref name="runs"/> of each kind, interleaved, after two warm-up runs of each.</summary>
    public static async Task<int> RunAsync(int runs)
    {
        using var home = await CacheHome.CreateAsync();
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var deferred = new List<double>();
        var eager = new List<double>();
        for (var i = -2; i < runs; i++)
        {
            var first = i % 2 == 0;
            var a = Time(self, home.Folder, eager: first);
            var b = Time(self, home.Folder, eager: !first);
            if (i >= 0)
            {
                (first ? eager : deferred).Add(a);
                (first ? deferred : eager).Add(b);
            }
        }

        double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        var d = Median(deferred);
        var e = Median(eager);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"status process, {runs} runs each, interleaved: deferred median {d:F1} ms, eager median {e:F1} ms, eager/deferred {e / d:F3}, saved {(e - d) / e:P1} of the eager process"));
        return 0;
    }

    private static double Time(string self, string homeFolder, bool eager)
    {
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("status-once");
        start.ArgumentList.Add(eager ? "eager" : "deferred");
        start.Environment["XAI_GROK_HOME"] = homeFolder;
        start.Environment["XAI_OAUTH_CLIENT_ID"] = "bench-client";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the child did not start");
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0 || !output.Contains("\"connected\": true", StringComparison.Ordinal) && !output.Contains("\"connected\":true", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the status child failed: " + output);
        }

        return elapsed;
    }
}
