using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace XaiGrok.Onboarding.Bench;

/// <summary>
/// Result serialization: <see cref="SkillResult.ToJson"/> of a connected <c>status</c> (six models) against
/// System.Text.Json serializing the same dictionary (reflection, as a script would without the module).
/// </summary>
[Config(typeof(BenchConfig))]
public class SerializationBenchmarks
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private SkillResult status = null!;
    private Dictionary<string, object?> plain = null!;

    [GlobalSetup]
    public void Setup()
    {
        status = StatusSample.Build();
        plain = StatusSample.Plain(status);
    }

    [Benchmark(Baseline = true, Description = "JsonSerializer.Serialize(dictionary)")]
    public string Reflection() => JsonSerializer.Serialize(plain, Indented);

    [Benchmark(Description = "SkillResult.ToJson(indented)")]
    public string ToJsonIndented() => status.ToJson();

    [Benchmark(Description = "SkillResult.ToJson(compact)")]
    public string ToJsonCompact() => status.ToJson(indented: false);
}
