using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FsCheck;
using FsCheck.Fluent;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Storage;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Credentials;

/// <summary>
/// The state files are read with JsonDocument for start-up speed and written with the source-generated serializer:
/// each reader must accept and refuse exactly what the serializer would, field for field.
/// </summary>
public sealed class StateFileReaderTests
{
    private static readonly string[] Fields =
    [
        "version", "source", "access_token", "refresh_token", "id_token", "expires_at", "obtained_at", "tier", "subject",
        "email", "issuer", "client_id", "token_endpoint", "revocation_endpoint", "reauth_reason", "Version", "unknown",
        "key", "fetched_at", "upstream_ids", "selected_model",
    ];

    private static readonly string[] Values =
    [
        "1", "2", "0", "-5", "1790000000", "253402300800", "4.5", "1e3", "99999999999999999999", "\"1\"", "\"oauth\"", "\"\"",
        "null", "true", "[]", "[1]", "{}", "{\"a\":[1,{\"b\":null}]}", "\"caf\\u00e9\"", "[\"grok-4.3\",\"grok-4\"]", "[\"a\",null]",
        "[\"a\",[\"b\"]]",
    ];

    public static TheoryData<string> Documents => new()
    {
        """{"version":1,"source":"oauth","access_token":"a","refresh_token":"r","expires_at":1790000000,"obtained_at":1780000000,"tier":4}""",
        """{"version":1,"source":"oauth","access_token":"a","expires_at":1790000000,"obtained_at":0,"tier":null,"extra":{"x":[1,2]}}""",
        """{"version":1,"source":"oauth","access_token":"a","expires_at":"1790000000","obtained_at":0}""",
        """{"version":1,"source":"oauth","access_token":"a","expires_at":1790000000.5,"obtained_at":0}""",
        """{"version":1,"source":"oauth","access_token":"a","expires_at":null,"obtained_at":0}""",
        """{"version":1,"source":5,"access_token":"a","expires_at":1790000000,"obtained_at":0}""",
        """{"version":1,"source":"oauth","access_token":"a","expires_at":1790000000,"obtained_at":0,"access_token":"b"}""",
        """{"Version":1,"source":"oauth","access_token":"a","expires_at":1790000000,"obtained_at":0}""",
        """{"version":2,"source":"oauth","access_token":"a","expires_at":1790000000,"obtained_at":0}""",
        """{"version":1,"source":"oauth","access_token":"a","expires_at":1790000000,"obtained_at":0,"tier":"4"}""",
        """{"version":1,"source":"oauth","access_token":"a","expires_at":1790000000,"obtained_at":0,"tier":[4]}""",
        """{"version":1,"source":"oauth","access_token":"a","expires_at":1790000000,"obtained_at":0,"tier":99999999999999999999}""",
        """{"version":1,"source":"oauth","access_token":"a","expires_at":1790000000,"obtained_at":0}  """,
        """{"version":1,"source":"oauth","access_token":"a","expires_at":1790000000,"obtained_at":0} {}""",
        """{"version":1,"source":"oauth","access_token":"a","expires_at":1790000000,"obtained_at":0,}""",
        """{"version":1,/*c*/"source":"oauth"}""",
        "null", "[]", "\"text\"", "42", "", "{", "{}",
        """{"key":"k","fetched_at":1790000000000,"upstream_ids":["grok-4.3","grok-imagine-video"]}""",
        """{"key":"k","fetched_at":1790000000000,"upstream_ids":[1]}""",
        """{"key":"k","fetched_at":1790000000000,"upstream_ids":"grok-4.3"}""",
        """{"key":"k","fetched_at":null,"upstream_ids":[]}""",
        """{"selected_model":"grok-4.3"}""",
        """{"selected_model":4}""",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Parse_AgreesWithTheSerializer(string document) => AssertAllAgree(Encoding.UTF8.GetBytes(document));

    [Fact]
    public void Parse_AgreesWithTheSerializer_OnGeneratedObjects()
    {
        var field = Gen.Elements(Fields);
        var value = Gen.Elements(Values);
        var document = Gen.ListOf(Gen.Zip(field, value)).Select(pairs => "{" + string.Join(",", pairs.Select(pair => $"\"{pair.Item1}\":{pair.Item2}")) + "}");

        Prop.ForAll(document.ToArbitrary(), text => AssertAllAgree(Encoding.UTF8.GetBytes(text))).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Fact]
    public void Parse_InvalidUtf8InAString_IsUnreadable()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"version":1,"source":"oauth","access_token":"ab","expires_at":1790000000,"obtained_at":0}""");
        var at = Array.IndexOf(bytes, (byte)'b');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;

        Assert.Null(CredentialFileReader.Parse(bytes));
    }

    [Fact]
    public void Parse_ReadsWhatTheSerializerWrote()
    {
        var credential = new Credential
        {
            Source = "oidc",
            AccessToken = "access",
            RefreshToken = "refresh",
            IdToken = "id",
            ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(1_790_000_000),
            ObtainedAt = DateTimeOffset.FromUnixTimeSeconds(1_780_000_000),
            Tier = 5,
            Subject = "sub",
            Email = "a@example.com",
            Issuer = "https://idp.example",
            ClientId = "client",
            TokenEndpoint = "https://idp.example/token",
            RevocationEndpoint = "https://idp.example/revoke",
            ReauthReason = "refresh refused: invalid_grant",
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(CredentialFile.From(credential), StateJsonContext.Default.CredentialFile);

        Assert.Equal(credential, CredentialFileReader.Parse(bytes)!.ToCredential());
    }

    private static void AssertAllAgree(byte[] bytes)
    {
        AssertAgree(bytes, StateJsonContext.Default.CredentialFile, CredentialFileReader.Parse);
        AssertAgree(bytes, StateJsonContext.Default.ModelCacheFile, ModelCacheFile.Parse);
        AssertAgree(bytes, StateJsonContext.Default.SettingsFile, SettingsFile.Parse);
    }

    private static void AssertAgree<T>(byte[] bytes, JsonTypeInfo<T> schema, Func<ReadOnlyMemory<byte>, T?> parse)
        where T : class
    {
        T? expected;
        try
        {
            expected = JsonSerializer.Deserialize(bytes, schema);
        }
        catch (JsonException)
        {
            expected = null;
        }

        Assert.Equal(Describe(expected, schema), Describe(parse(bytes), schema));
    }

    private static string Describe<T>(T? file, JsonTypeInfo<T> schema)
        where T : class => file is null ? "unreadable" : JsonSerializer.Serialize(file, schema);
}
