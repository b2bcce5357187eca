using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.Loader;
using Microsoft.Extensions.Caching.Memory;

namespace XaiGrok.Onboarding.Bench;

/// <summary>
/// One cold <c>status</c> in this process, phase by phase: wall time, methods JIT-compiled, JIT time, and the
/// assemblies each phase loaded. With <c>--split</c>, the costs suspected of being needless for <c>status</c> are
/// paid first, on their own, so that their share shows; with <c>--steps</c>, the steps of <c>StatusService</c> are
/// timed one by one before the whole call. Options come from the environment, as for the CLI.
/// </summary>
internal static class StartupProbe
{
    public static async Task<int> RunAsync(bool split, bool steps)
    {
        var probe = new Phases();
        if (split)
        {
            probe.Run("MemoryCache (Caching.Memory + Options + Logging.Abstractions)", () => new MemoryCache(new MemoryCacheOptions()).Dispose());
            probe.Run("HttpClient type (System.Net.Http)", () => GC.KeepAlive(new Lazy<HttpClient>(() => new HttpClient())));
            probe.Run("SHA256.HashData (System.Security.Cryptography, OpenSSL)", () => GC.KeepAlive(System.Security.Cryptography.SHA256.HashData("account"u8)));
            probe.Run("new Uri (System.Private.Uri)", () => GC.KeepAlive(new Uri("https://auth.x.ai")));
        }

        OnboardingOptions? options = null;
        GrokOnboarding? module = null;
        if (steps)
        {
            // The steps of StatusService.GetAsync, one by one, on a runtime of their own.
            Runtime.OnboardingRuntime? runtime = null;
            Credentials.Credential? credential = null;
            probe.Run("  options + OnboardingRuntime (MemoryCache, services)", () => runtime = new Runtime.OnboardingRuntime(OnboardingOptions.FromEnvironment(), TimeProvider.System));
            probe.Run("  StateDirectory.Open (EnsureHome)", () => runtime!.EnsureHome());
            probe.Run("  PendingFlowStore.All (pending-*.json)", () => GC.KeepAlive(new DeviceGrant.PendingFlowStore(runtime!.Paths).All()));
            probe.Run("  CredentialStore.Read (auth.json, source-generated JSON)", () => credential = runtime!.Session.Store.Read().Credential);
            probe.Run("  ModelService.Known (cache key, models-cache.json)", () => GC.KeepAlive(runtime!.Models.Known(new Credentials.Bearer(credential!.AccessToken, credential.Source, credential))));
            probe.Run("  ModelSelection.Selected (settings file)", () => GC.KeepAlive(runtime!.Selection.Selected()));
            runtime!.Dispose();
        }

        SkillResult? status = null;
        probe.Run("OnboardingOptions.FromEnvironment", () => options = OnboardingOptions.FromEnvironment());
        probe.Run("new GrokOnboarding", () => module = new GrokOnboarding(options));
        await probe.RunAsync("StatusAsync (cold)", async () => status = await module!.StatusAsync());
        probe.Run("ToJson (cold)", () => GC.KeepAlive(status!.ToJson()));
        await probe.RunAsync("StatusAsync + ToJson (warm)", async () => GC.KeepAlive((await module!.StatusAsync()).ToJson()));
        module!.Dispose();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"status ok={status!.Ok} connected={status["connected"]}"));
        probe.Print();
        return 0;
    }

    private sealed class Phases
    {
        private readonly List<(string Name, double Ms, long Jitted, double JitMs, string[] Loaded)> rows = [];
        private HashSet<string> seen = Loaded();

        public void Run(string name, Action action) => RunAsync(name, () =>
        {
            action();
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();

        public async Task RunAsync(string name, Func<Task> action)
        {
            var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
            var jitTime = System.Runtime.JitInfo.GetCompilationTime();
            var start = Stopwatch.GetTimestamp();
            await action();
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var now = Loaded();
            rows.Add((name, elapsed, System.Runtime.JitInfo.GetCompiledMethodCount() - jitted,
                (System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds, [.. now.Except(seen).Order(StringComparer.Ordinal)]));
            seen = now;
        }

        public void Print()
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"phase",-62} {"ms",8} {"jitted",7} {"jit ms",7}  assemblies loaded"));
            foreach (var row in rows)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{row.Name,-62} {row.Ms,8:F1} {row.Jitted,7} {row.JitMs,7:F1}  {string.Join(", ", row.Loaded)}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"GC: {GCSettings.IsServerGC switch { true => "server", false => "workstation" }}, concurrent={AppContext.GetData("System.GC.Concurrent") ?? "default"}; tiered PGO={AppContext.GetData("System.Runtime.TieredPGO") ?? "default"}"));
        }

        private static HashSet<string> Loaded() =>
            AssemblyLoadContext.All.SelectMany(context => context.Assemblies).Select(assembly => assembly.GetName().Name!).ToHashSet(StringComparer.Ordinal);
    }
}
