using System.Text.Json.Nodes;

namespace XaiGrok.Onboarding.Tests.Fixtures;

/// <summary>Canned server replies kept as JSON files under <c>tests/documents/</c>, and edited copies of them.</summary>
internal static class Documents
{
    public const string Discovery = "discovery.json";
    public const string DeviceAuthorization = "device-authorization.json";
    public const string TokenResponse = "token-response.json";
    public const string TokenErrorPending = "token-error-pending.json";
    public const string Models = "models.json";

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "documents", name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static JsonObject Object(string name) => JsonNode.Parse(Text(name))!.AsObject();

    /// <summary>A string field of a document (to compare with what the code under test keeps or hides).</summary>
    public static string Field(string name, string field) => Object(name)[field]!.GetValue<string>();

    /// <summary>The document with <paramref name="field"/> set to the raw JSON <paramref name="rawJson"/>, or removed when it is null.</summary>
    public static string With(string name, string field, string? rawJson)
    {
        var document = Object(name);
        if (rawJson is null)
        {
            document.Remove(field);
        }
        else
        {
            document[field] = JsonNode.Parse(rawJson);
        }

        return document.ToJsonString();
    }
}
