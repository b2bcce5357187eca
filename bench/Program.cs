using BenchmarkDotNet.Running;
using XaiGrok.Onboarding.Bench;

// bench [BenchmarkDotNet arguments]   in-process benchmarks (tier decode, ToJson, chat overhead)
// bench chat-ratio [N]                 chat through the module vs a bare HttpClient POST, N each, interleaved
// bench chat-layers [N]                each layer of a module chat call vs the bare POST, interleaved ratios
// bench chat-steps [N]                 each step of a module chat call timed alone (medians)
// bench probe [--split] [--steps]      one cold `status` in this process, phase by phase (what it loads, what it JITs)
// bench logging-process [N]            cold status processes, deferred logging vs built at start, N each, interleaved
// bench platform-cost [ROUNDS] [N]     CPU and allocations per platform ChatAsync vs a bare HttpClient + STJ call
// bench platform-users [N]             managed memory per idle connected platform user, and the time to connect N
// bench platform-load [CALLS] [USERS]  load driver: CALLS chats over USERS at concurrency 32, tokens expiring midway
// bench store-costs [ROUNDS] [USERS] the two stores side by side per operation (a throwaway PostgreSQL on 127.0.0.1), rows and bytes for USERS
// bench store-pool [POOL] [N]         N refreshes at once (store share) on a PostgreSQL pool of POOL: failures and latency
// bench emulator                       (internal) the emulator in a child process; stdin closed ends it
return args switch
{
    ["chat-ratio", .. var rest] => await ChatRatio.RunAsync(rest is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 300),
    ["chat-layers", .. var rest] => await ChatRatio.LayersAsync(rest is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 300),
    ["chat-steps", .. var rest] => await ChatSteps.RunAsync(rest is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 300),
    ["logging-process", .. var rest] => await XaiGrok.Onboarding.Bench.Caching.LoggingProcess.RunAsync(rest is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 40),
    ["status-once", var kind] => await XaiGrok.Onboarding.Bench.Caching.LoggingProcess.StatusOnceAsync(eager: kind == "eager"),
    ["platform-cost", .. var rest] => await XaiGrok.Onboarding.Bench.Platform.PlatformChatCost.RunAsync(rest.Length > 0 ? Int(rest[0]) : 20, rest.Length > 1 ? Int(rest[1]) : 200),
    ["platform-users", .. var rest] => await XaiGrok.Onboarding.Bench.Platform.PlatformUsers.RunAsync(rest.Length > 0 ? Int(rest[0]) : 10_000),
    ["platform-load", .. var rest] => await XaiGrok.Onboarding.Bench.Platform.PlatformLoad.RunAsync(rest.Length > 0 ? Int(rest[0]) : 2000, rest.Length > 1 ? Int(rest[1]) : 200),
    ["store-costs", .. var rest] => await XaiGrok.Onboarding.Bench.Stores.StoreCosts.RunAsync(rest.Length > 0 ? Int(rest[0]) : 1000, rest.Length > 1 ? Int(rest[1]) : 10_000),
    ["store-pool", .. var rest] => await XaiGrok.Onboarding.Bench.Stores.PoolStall.RunAsync(rest.Length > 0 ? Int(rest[0]) : 8, rest.Length > 1 ? Int(rest[1]) : 32),
    ["emulator"] => await XaiGrok.Onboarding.Bench.Platform.EmulatorProcess.ServeAsync(),
    ["probe", .. var flags] => await StartupProbe.RunAsync(split: flags.Contains("--split"), steps: flags.Contains("--steps")),
    _ => Run(args),
};

static int Int(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(TierDecodeBenchmarks).Assembly).Run(args, new BenchConfig());
    return 0;
}
