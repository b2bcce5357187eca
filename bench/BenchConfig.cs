using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace XaiGrok.Onboarding.Bench;

/// <summary>
/// In-process toolchain (no generated project to build: a 2-core machine builds one in minutes), median and ratio
/// columns, allocations. Every class has a baseline so the figures read as ratios measured side by side.
/// <c>BENCH_SHORT=1</c> runs fewer iterations (a short job on a shared machine; the ratios stay side by side).
/// </summary>
internal sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        var isShort = Environment.GetEnvironmentVariable("BENCH_SHORT") == "1";
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(isShort ? 2 : 3)
            .WithIterationCount(isShort ? 6 : 15)
            .WithId("InProcess"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        AddColumn(RankColumn.Arabic);
        AddLogger(DefaultConfig.Instance.GetLoggers().ToArray());
        AddExporter(DefaultConfig.Instance.GetExporters().ToArray());
        AddColumnProvider(DefaultConfig.Instance.GetColumnProviders().ToArray());
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
        WithSummaryStyle(BenchmarkDotNet.Reports.SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend));
    }
}
