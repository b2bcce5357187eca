using System.Net;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using XaiGrok.Onboarding.DeviceGrant;
using XaiGrok.Onboarding.Discovery;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Protocol;
using XaiGrok.Onboarding.Tiers;
using XaiGrok.Onboarding.Tests.Fixtures;
using XaiGrok.Onboarding.Tokens;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Protocol;

/// <summary>No server answer, however broken or hostile, makes a reader throw: it becomes a value.</summary>
public sealed class ParserPropertyTests
{
    private static readonly FsCheck.Config Checks = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(400);
    private static readonly Uri Issuer = new("https://auth.x.ai");
    private static readonly string[] Sent = ["sent-device-code-123456", "sent-refresh-token-123456"];

    /// <summary>Written into a JSON string, then swapped for the bytes C3 28, which are not UTF-8 (a broken or hostile server).</summary>
    private const string InvalidUtf8Marker = "~~not-utf8~~";

    private static readonly string[] FieldNames =
    [
        "issuer", "token_endpoint", "device_authorization_endpoint", "authorization_endpoint", "revocation_endpoint", "jwks_uri",
        "device_code", "user_code", "verification_uri", "verification_uri_complete", "expires_in", "interval",
        "access_token", "token_type", "refresh_token", "id_token", "scope", "error", "error_description",
        "code", "message", "data", "id", "object",
    ];

    private static readonly string[] InterestingStrings =
    [
        "https://auth.x.ai", "https://auth.x.ai/oauth2/token", "https://accounts.x.ai/device", "http://accounts.x.ai/device",
        "javascript:alert(1)", "https://evil.com", "Bearer", "bearer", "authorization_pending", "slow_down", "invalid_grant",
        "WDJB-MJHT", "sent-device-code-123456", "unauthenticated:bad-credentials", "Multi Agent requests are not allowed on chat completions",
        "grok-4.3", "grok-imagine-video", "", " ", "\u0000", "\u001b[2J", "-1", "0", "99999999999999999999", "1e400",
    ];

    private static readonly string[] OAuthErrorCodes = ["authorization_pending", "slow_down", "access_denied", "expired_token", "invalid_grant", "invalid_client"];

    private static Gen<string> AnyText =>
        Gen.OneOf(
            Gen.Elements(InterestingStrings),
            Gen.ArrayOf(Gen.Choose(0, 0xD7FF).Select(code => (char)code)).Select(chars => new string(chars)));

    private static Gen<JsonValueSketch> Value(int depth) =>
        depth <= 0
            ? Scalar
            : Gen.Frequency(
                (6, Scalar),
                (1, Gen.ListOf(Value(depth - 1), 4).Select(items => new JsonValueSketch(Array: items.ToArray()))),
                (1, Gen.ListOf(Gen.Zip(Gen.Elements(FieldNames), Value(depth - 1)), 4).Select(pairs => new JsonValueSketch(Object: pairs.ToArray()))));

    private static Gen<JsonValueSketch> Scalar =>
        Gen.Frequency(
            (4, AnyText.Select(text => new JsonValueSketch(Text: text))),
            (1, Gen.Constant(new JsonValueSketch(Text: InvalidUtf8Marker))),
            (2, Gen.Elements(0L, -1L, 1L, 5L, 900L, 21600L, long.MaxValue, long.MinValue).Select(n => new JsonValueSketch(Integer: n))),
            (1, Gen.Choose(-100000, 100000).Select(n => new JsonValueSketch(Real: n / 7.0))),
            (1, Gen.Elements(true, false).Select(flag => new JsonValueSketch(Flag: flag))),
            (1, Gen.Constant(new JsonValueSketch(Null: true))));

    private static Gen<byte[]> JsonObjectBody =>
        Gen.ListOf(Gen.Zip(Gen.Elements(FieldNames), Value(2)), 12)
            .Select(pairs => new JsonValueSketch(Object: pairs.ToArray()).ToUtf8());

    private static Gen<byte[]> Body =>
        Gen.Frequency(
            (3, JsonObjectBody),
            (1, ArbMap.Default.GeneratorFor<byte[]>()),
            (1, AnyText.Select(Encoding.UTF8.GetBytes)));

    private static Gen<HttpReply> Reply =>
        from status in Gen.OneOf(Gen.Elements(200, 201, 204, 301, 302, 400, 401, 403, 404, 422, 429, 500, 502, 503), Gen.Choose(0, 999))
        from body in Body
        from tooLarge in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        from retryAfter in Gen.OneOf(Gen.Constant<TimeSpan?>(null), Gen.Choose(0, 100_000).Select(s => (TimeSpan?)TimeSpan.FromSeconds(s)))
        select new HttpReply((HttpStatusCode)status, body, "application/json", retryAfter) { BodyTooLarge = tooLarge };

    [Fact]
    public void TryParse_ArbitraryBytes_NeverThrows() =>
        Check.One(Checks, Prop.ForAll(Body.ToArbitrary(), (byte[] body) =>
        {
            using var reader = JsonObjectReader.TryParse(body);
            if (reader is not null)
            {
                foreach (var name in FieldNames)
                {
                    _ = reader.Has(name);
                    _ = reader.String(name);
                    _ = reader.TryInteger(name, out _);
                    _ = reader.TryArray(name, out _);
                }
            }
        }));

    [Fact]
    public void Readers_ArbitraryReplyWithAnyStatus_NeverThrowAndAlwaysDecide() =>
        Check.One(Checks, Prop.ForAll(Reply.ToArbitrary(), (HttpReply reply) =>
        {
            var discovery = DiscoveryClient.Parse(Issuer, reply);
            Assert.True(discovery.IsSuccess ? discovery.Value is not null : discovery.Failure is not null);

            var device = DeviceAuthorizationClient.Read(reply, Issuer);
            Assert.True(device.IsSuccess ? device.Value is not null : device.Failure is not null);

            var token = TokenEndpointClient.Read(reply, Sent);
            Assert.Equal(1, (token.Tokens is null ? 0 : 1) + (token.Error is null ? 0 : 1) + (token.Failure is null ? 0 : 1));

            var models = ModelsClient.Read(reply);
            Assert.True(models.UpstreamIds is not null ^ models.Failure is not null);

            _ = ApiErrorClassifier.Classify(reply);
            _ = ApiFailures.From(reply, "the call", "bearer-token-123456");
        }));

    [Fact]
    public void TokenRead_ErrorDescriptionEchoingASentSecretAnywhere_IsRedacted()
    {
        var answers =
            from status in Gen.Elements(400, 401, 403)
            from error in Gen.Elements(OAuthErrorCodes)
            from secret in Gen.Elements(Sent)
            from before in Gen.ArrayOf(Gen.Choose(32, 126).Select(code => (char)code))
            from after in Gen.ArrayOf(Gen.Choose(32, 126).Select(code => (char)code))
            select (Status: status, Error: error, Description: new string(before) + secret + new string(after));

        Check.One(Checks, Prop.ForAll(answers.ToArbitrary(), answer =>
        {
            var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = answer.Error, ["error_description"] = answer.Description });
            var read = TokenEndpointClient.Read(Replies.Json(body, answer.Status), Sent);

            Assert.Equal(answer.Error, read.Error);
            Assert.DoesNotContain(Sent[0], read.ErrorDescription ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(Sent[1], read.ErrorDescription ?? "", StringComparison.Ordinal);
        }));
    }

    [Fact]
    public void AccessTokenClaims_ArbitraryThreePartStrings_NeverThrow()
    {
        var part = Gen.OneOf(
            JsonObjectBody.Select(bytes => System.Buffers.Text.Base64Url.EncodeToString(bytes)),
            ArbMap.Default.GeneratorFor<byte[]>().Select(bytes => System.Buffers.Text.Base64Url.EncodeToString(bytes)),
            AnyText);
        var token = Gen.OneOf(
            from header in part from payload in part from signature in part select $"{header}.{payload}.{signature}",
            AnyText);

        Check.One(Checks, Prop.ForAll(token.ToArbitrary(), (string text) =>
        {
            var claims = AccessTokenClaims.Read(text);
            _ = TierTable.SubscriptionFor(claims.Tier);
        }));
    }

    [Fact]
    public void AccessTokenClaims_AnyIntegerTier_IsReadBackAndNamedOrUnknown() =>
        Check.One(Checks, Prop.ForAll(ArbMap.Default.ArbFor<long>(), (long tier) =>
        {
            var claims = AccessTokenClaims.Read(UnsignedJwt.Create($$"""{"tier":{{tier}}}"""));
            Assert.Equal(tier, claims.Tier);
            Assert.Equal(tier is >= 0 and <= 7, TierTable.SubscriptionFor(tier) != TierTable.Unknown);
        }));

    /// <summary>A JSON value to serialize; exactly one of the members is set.</summary>
    private sealed record JsonValueSketch(
        string? Text = null,
        long? Integer = null,
        double? Real = null,
        bool? Flag = null,
        bool Null = false,
        JsonValueSketch[]? Array = null,
        (string Name, JsonValueSketch Value)[]? Object = null)
    {
        public byte[] ToUtf8()
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(writer);
            }

            return WithInvalidUtf8(buffer.ToArray());
        }

        public override string ToString() => Encoding.UTF8.GetString(ToUtf8());

        private static byte[] WithInvalidUtf8(byte[] json)
        {
            var marker = Encoding.ASCII.GetBytes(InvalidUtf8Marker);
            var output = new List<byte>(json.Length);
            for (var i = 0; i < json.Length; i++)
            {
                if (json.AsSpan(i).StartsWith(marker))
                {
                    output.Add(0xC3);
                    output.Add(0x28);
                    i += marker.Length - 1;
                }
                else
                {
                    output.Add(json[i]);
                }
            }

            return [.. output];
        }

        private void Write(Utf8JsonWriter writer)
        {
            if (Text is not null)
            {
                writer.WriteStringValue(Text);
            }
            else if (Integer is { } integer)
            {
                writer.WriteNumberValue(integer);
            }
            else if (Real is { } real)
            {
                writer.WriteNumberValue(real);
            }
            else if (Flag is { } flag)
            {
                writer.WriteBooleanValue(flag);
            }
            else if (Array is not null)
            {
                writer.WriteStartArray();
                foreach (var item in Array)
                {
                    item.Write(writer);
                }

                writer.WriteEndArray();
            }
            else if (Object is not null)
            {
                writer.WriteStartObject();
                foreach (var (name, value) in Object)
                {
                    writer.WritePropertyName(name);
                    value.Write(writer);
                }

                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
