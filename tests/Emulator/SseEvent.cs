using System.Text.Json.Nodes;

namespace XaiGrok.Onboarding.Tests.Emulator;

/// <summary>One server-sent event: its <c>event:</c> name (if any) and its <c>data:</c> line.</summary>
internal sealed record SseEvent(string? Name, string Data)
{
    public JsonObject Json => JsonNode.Parse(Data)!.AsObject();
}
