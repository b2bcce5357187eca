using System.Text.Json.Serialization;

namespace XaiGrok.Onboarding;

/// <summary>Source-generated JSON for the few bodies the facade writes itself.</summary>
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string>>))]
internal sealed partial class ExportsJsonContext : JsonSerializerContext;
