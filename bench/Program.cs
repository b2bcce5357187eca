using BenchmarkDotNet.Running;
using XaiGrok.Onboarding.Bench;

// bench [BenchmarkDotNet arguments]   in-process benchmarks (tier decode, ToJson, chat overhead)
// bench chat-ratio [N]                 chat through the module vs a bare HttpClient POST, N each, interleaved
// bench chat-layers [N]                each layer of a module chat call vs the bare POST, interleaved ratios
// bench chat-steps [N]                 each step of a module chat call timed alone (medians)
// bench probe [--split] [--steps]      one cold `status` in this process, phase by phase (what it loads, what it JITs)
// bench logging-process [N]            cold status processes, deferred logging vs built at start, N each, interleaved
return args switch
{
    ["chat-ratio", .. var rest] => await ChatRatio.RunAsync(rest is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 300),
    ["chat-layers", .. var rest] => await ChatRatio.LayersAsync(rest is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 300),
    ["chat-steps", .. var rest] => await ChatSteps.RunAsync(rest is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 300),
    ["logging-process", .. var rest] => await XaiGrok.Onboarding.Bench.Caching.LoggingProcess.RunAsync(rest is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 40),
    ["status-once", var kind] => await XaiGrok.Onboarding.Bench.Caching.LoggingProcess.StatusOnceAsync(eager: kind == "eager"),
    ["probe", .. var flags] => await StartupProbe.RunAsync(split: flags.Contains("--split"), steps: flags.Contains("--steps")),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(TierDecodeBenchmarks).Assembly).Run(args, new BenchConfig());
    return 0;
}
