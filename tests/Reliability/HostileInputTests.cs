using System.Runtime.Versioning;
using System.Text;
using System.Text.Json.Nodes;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Integration;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>
/// Hostile or broken input from the server and from disk: each is a typed result (ok:false with a stable code, or a
/// status that says sign in again), never an exception, never a secret.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class HostileInputTests
{
    private static readonly string[] ServerAnswerCodes = ["invalid_response", "upstream_unavailable", "oauth_error"];

    [Fact]
    public async Task Start_HostileDiscoveryDocuments_AreTypedFailures()
    {
        await using var rig = await Rig.StartAsync();
        var issuer = rig.Emulator.Issuer;
        string Doc(string iss, string token) =>
            $"{{\"issuer\":\"{iss}\",\"token_endpoint\":\"{token}\",\"device_authorization_endpoint\":\"{issuer}/oauth2/device/code\"}}";
        var cases = new (string Name, EmulatorFault Fault)[]
        {
            ("500", new("/.well-known/openid-configuration", Count: 4) { Status = 500 }),
            ("404", new("/.well-known/openid-configuration") { Status = 404, Body = "{}" }),
            ("not JSON", new("/.well-known/openid-configuration") { Status = 200, Body = "<html>hello</html>", ContentType = "text/html" }),
            ("null", new("/.well-known/openid-configuration") { Status = 200, Body = "null" }),
            ("[]", new("/.well-known/openid-configuration") { Status = 200, Body = "[]" }),
            ("string", new("/.well-known/openid-configuration") { Status = 200, Body = "\"issuer\"" }),
            ("issuer mismatch", new("/.well-known/openid-configuration") { Status = 200, Body = Doc("https://evil.example", issuer + "/oauth2/token") }),
            ("no issuer", new("/.well-known/openid-configuration") { Status = 200, Body = $"{{\"token_endpoint\":\"{issuer}/oauth2/token\"}}" }),
            ("http: endpoint", new("/.well-known/openid-configuration") { Status = 200, Body = Doc(issuer, "http://auth.x.ai/oauth2/token") }),
            ("off-site endpoint", new("/.well-known/openid-configuration") { Status = 200, Body = Doc(issuer, "https://evil.example/oauth2/token") }),
            ("javascript: endpoint", new("/.well-known/openid-configuration") { Status = 200, Body = Doc(issuer, "javascript:alert(1)") }),
            ("token endpoint wrong type", new("/.well-known/openid-configuration") { Status = 200, Body = $"{{\"issuer\":\"{issuer}\",\"token_endpoint\":42}}" }),
            ("over 1 MiB", new("/.well-known/openid-configuration") { Status = 200, Body = Doc(issuer, issuer + "/oauth2/token").TrimEnd('}') + ",\"pad\":\"" + new string('x', 1_100_000) + "\"}" }),
            ("302 redirect", new("/.well-known/openid-configuration") { Status = 302, Body = "" }),
            ("deep nesting", new("/.well-known/openid-configuration") { Status = 200, Body = new string('[', 5000) + new string(']', 5000) }),
        };

        foreach (var (name, fault) in cases)
        {
            rig.Emulator.Control.AddFault(fault);
            var module = rig.NewModule();
            var started = await rig.AdvancingAsync(module.StartAsync(Figures.Ct));
            AssertTypedFailure(started, name, ServerAnswerCodes);
        }

        Figures.Report($"hostile discovery documents: {cases.Length} tried, each a typed ok:false");
    }

    [Fact]
    public async Task Start_HostileDeviceAuthorizationAnswers_AreTypedFailures()
    {
        await using var rig = await Rig.StartAsync();
        var issuer = rig.Emulator.Issuer;
        JsonObject Valid() => new()
        {
            ["device_code"] = "dc-0123456789abcdef0123",
            ["user_code"] = "ABCD-EFGH",
            ["verification_uri"] = issuer + "/oauth2/device",
            ["verification_uri_complete"] = issuer + "/oauth2/device?user_code=ABCD-EFGH",
            ["expires_in"] = 900,
            ["interval"] = 5,
        };

        var bodies = new List<(string Name, string Body)>();
        foreach (var field in new[] { "device_code", "user_code", "verification_uri", "expires_in" })
        {
            bodies.Add(($"{field} missing", With(Valid(), o => o.Remove(field))));
            bodies.Add(($"{field} empty", With(Valid(), o => o[field] = "")));
            bodies.Add(($"{field} null", With(Valid(), o => o[field] = null)));
            bodies.Add(($"{field} wrong type (object)", With(Valid(), o => o[field] = new JsonObject())));
            bodies.Add(($"{field} wrong type (bool)", With(Valid(), o => o[field] = true)));
        }

        bodies.Add(("expires_in 0", With(Valid(), o => o["expires_in"] = 0)));
        bodies.Add(("expires_in -5", With(Valid(), o => o["expires_in"] = -5)));
        bodies.Add(("expires_in fraction", With(Valid(), o => o["expires_in"] = 12.5)));
        bodies.Add(("expires_in not a number", With(Valid(), o => o["expires_in"] = "soon")));
        bodies.Add(("javascript: verification_uri", With(Valid(), o => o["verification_uri"] = "javascript:alert(1)")));
        bodies.Add(("javascript: verification_uri_complete", With(Valid(), o => o["verification_uri_complete"] = "javascript:alert(document.cookie)")));
        bodies.Add(("data: verification_uri", With(Valid(), o => o["verification_uri"] = "data:text/html,<script>alert(1)</script>")));
        bodies.Add(("off-site verification_uri", With(Valid(), o => o["verification_uri"] = "https://evil.example/device")));
        bodies.Add(("control chars in user_code (BEL)", With(Valid(), o => o["user_code"] = "ABCD\u0007EFGH")));
        bodies.Add(("control chars in user_code (newline)", With(Valid(), o => o["user_code"] = "ABCD\nEFGH")));
        bodies.Add(("control chars in user_code (ESC)", With(Valid(), o => o["user_code"] = "\u001b[31mABCD")));
        bodies.Add(("control chars in verification_uri", With(Valid(), o => o["verification_uri"] = issuer + "/oauth2/device\r\nX: y")));
        bodies.Add(("200 with error", With(Valid(), o => o["error"] = "access_denied")));
        bodies.Add(("not JSON", "device_code=abc&user_code=ABCD"));
        bodies.Add(("null", "null"));
        bodies.Add(("[]", "[]"));

        foreach (var (name, body) in bodies)
        {
            rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/device/code") { Status = 200, Body = body });
            var started = await rig.AdvancingAsync(rig.NewModule().StartAsync(Figures.Ct));
            AssertTypedFailure(started, name, ServerAnswerCodes);
            SecretScan.AssertAbsent(started.ToJson(), new Dictionary<string, string> { ["device_code"] = "dc-0123456789abcdef0123" });
        }

        // The same valid answer, unchanged, is accepted: the failures above come from the one change each made.
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/device/code") { Status = 200, Body = Valid().ToJsonString() });
        var baseline = await rig.NewModule().StartAsync(Figures.Ct);
        Assert.True(baseline.Ok, baseline.ToJson());
        Figures.Report($"hostile device authorization answers: {bodies.Count} tried, each a typed ok:false (baseline accepted)");
    }

    [Fact]
    public async Task RefreshAndPoll_HostileTokenAnswers_AreTypedFailures_AndKeepTheStoredSession()
    {
        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        await rig.ConnectAsync(module);
        var authFile = Path.Combine(rig.Home, "auth.json");
        var stored = File.ReadAllBytes(authFile);
        JsonObject Valid() => new()
        {
            ["access_token"] = "at-" + new string('a', 40),
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["refresh_token"] = "rt-" + new string('r', 40),
        };

        var bodies = new List<(string Name, int Status, string Body)>();
        foreach (var field in new[] { "access_token", "token_type" })
        {
            bodies.Add(($"{field} missing", 200, With(Valid(), o => o.Remove(field))));
            bodies.Add(($"{field} empty", 200, With(Valid(), o => o[field] = "")));
            bodies.Add(($"{field} null", 200, With(Valid(), o => o[field] = null)));
            bodies.Add(($"{field} wrong type (number)", 200, With(Valid(), o => o[field] = 42)));
            bodies.Add(($"{field} wrong type (array)", 200, With(Valid(), o => o[field] = new JsonArray())));
        }

        bodies.Add(("access_token with control chars", 200, With(Valid(), o => o["access_token"] = "abc\u0000defghijk")));
        bodies.Add(("token_type mac", 200, With(Valid(), o => o["token_type"] = "mac")));
        bodies.Add(("token_type DPoP", 200, With(Valid(), o => o["token_type"] = "DPoP")));
        bodies.Add(("expires_in 0", 200, With(Valid(), o => o["expires_in"] = 0)));
        bodies.Add(("expires_in -1", 200, With(Valid(), o => o["expires_in"] = -1)));
        bodies.Add(("expires_in wrong type", 200, With(Valid(), o => o["expires_in"] = true)));
        bodies.Add(("expires_in not a number", 200, With(Valid(), o => o["expires_in"] = "an hour")));
        bodies.Add(("refresh_token empty", 200, With(Valid(), o => o["refresh_token"] = "")));
        bodies.Add(("refresh_token wrong type", 200, With(Valid(), o => o["refresh_token"] = 7)));
        bodies.Add(("200 with error", 200, With(Valid(), o => o["error"] = "invalid_grant")));
        bodies.Add(("not JSON", 200, "access_token=abc"));
        bodies.Add(("null", 200, "null"));
        bodies.Add(("[]", 200, "[]"));
        bodies.Add(("400 error wrong type", 400, "{\"error\":123}"));
        bodies.Add(("400 not JSON", 400, "Bad Request"));

        foreach (var (name, status, body) in bodies)
        {
            rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Status = status, Body = body });
            var refreshed = await rig.AdvancingAsync(module.RefreshAsync(Figures.Ct));
            AssertTypedFailure(refreshed, "refresh: " + name, ServerAnswerCodes);
            Assert.Equal(stored, File.ReadAllBytes(authFile));
        }

        // Through a sign-in poll as well (a subset: the token checks are shared).
        var polls = bodies.Where(b => b.Name is "access_token missing" or "token_type mac" or "expires_in 0" or "200 with error" or "null").ToArray();
        foreach (var (name, status, body) in polls)
        {
            var other = rig.NewModule();
            var started = await other.StartAsync(Figures.Ct);
            rig.Emulator.Control.Approve((string)started["user_code"]!, 4);
            rig.Clock.Advance(TimeSpan.FromSeconds((int)started["interval_seconds"]!));
            rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Status = status, Body = body });
            var polled = await rig.AdvancingAsync(other.PollAsync(cancellationToken: Figures.Ct));
            AssertTypedFailure(polled, "poll: " + name, ServerAnswerCodes);
            Assert.Equal(stored, File.ReadAllBytes(authFile));
        }

        // The stored session was never touched: the real refresh still works.
        var real = await module.RefreshAsync(Figures.Ct);
        Assert.True(real.Ok, real.ToJson());
        Assert.Equal(0, rig.Emulator.Control.RefreshTokenReuseCount);
        SecretScan.AssertAbsent(real.ToJson(), rig.SecretsOnDisk());
        Figures.Report($"hostile token answers: {bodies.Count} via refresh + {polls.Length} via poll, each a typed ok:false, auth.json unchanged");
    }

    public static TheoryData<string> BrokenAuthFiles() =>
    [
        "empty", "whitespace", "truncated", "null", "array", "string", "number", "version 2", "version as string", "access_token number",
        "expires_at string", "expires_at huge", "expires_at negative", "source missing", "invalid UTF-8", "deep nesting", "NUL bytes",
        "100 MiB sparse", "directory", "BOM then garbage",
    ];

    [Theory]
    [MemberData(nameof(BrokenAuthFiles))]
    public async Task Status_BrokenAuthFile_NeverCrashes_AndSaysSignInAgain(string kind)
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());
        var authFile = Path.Combine(rig.Home, "auth.json");
        var secrets = rig.SecretsOnDisk();
        Plant(authFile, kind);

        var status = await rig.NewModule().StatusAsync(Figures.Ct);

        Assert.True(status.Ok, $"{kind}: {status.ToJson()}");
        Assert.Equal(false, status["connected"]);
        Assert.True(status.ToJson().Contains("Sign in again", StringComparison.OrdinalIgnoreCase), $"{kind}: {status.ToJson()}");
        if (kind == "directory")
        {
            // Not "never signed in": the reason (a folder where auth.json belongs) must be named, or start/poll fail late.
            Assert.Equal("not_connected", status["problem"]);
            Assert.Contains("folder", (string)status["detail"]!, StringComparison.Ordinal);
        }
        SecretScan.AssertAbsent(status.ToJson(), secrets);

        // A second look (after any quarantine) is just as calm, and a refresh too.
        var again = await rig.NewModule().StatusAsync(Figures.Ct);
        Assert.True(again.Ok, again.ToJson());
        var refresh = await rig.NewModule().RefreshAsync(Figures.Ct);
        Assert.False(refresh.Ok);
        Assert.Contains(refresh.Error, new[] { "not_connected", "reauth_required", "credential_store_error" });
        Figures.Report($"broken auth.json '{kind}': status -> connected:false, {status["problem"]}");
    }

    [Fact]
    public async Task Status_AuthFileWithABom_IsStillTheSession()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());
        var authFile = Path.Combine(rig.Home, "auth.json");
        File.WriteAllBytes(authFile, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(authFile)]);

        var status = await rig.NewModule().StatusAsync(Figures.Ct);

        Assert.True(status.Ok, status.ToJson());
        Assert.Equal(true, status["connected"]);
        Assert.False(File.Exists(authFile + ".corrupt"));

        Figures.Report($"auth.json with a UTF-8 BOM before valid JSON: connected={status["connected"]}");
    }

    internal static void Plant(string authFile, string kind)
    {
        var valid = File.ReadAllText(authFile);
        var node = JsonNode.Parse(valid)!.AsObject();
        string Changed(Action<JsonObject> change)
        {
            var copy = JsonNode.Parse(valid)!.AsObject();
            change(copy);
            return copy.ToJsonString();
        }

        File.Delete(authFile);
        switch (kind)
        {
            case "empty": File.WriteAllBytes(authFile, []); break;
            case "whitespace": File.WriteAllText(authFile, "  \n\t "); break;
            case "truncated": File.WriteAllText(authFile, valid[..(valid.Length / 2)]); break;
            case "null": File.WriteAllText(authFile, "null"); break;
            case "array": File.WriteAllText(authFile, "[" + valid + "]"); break;
            case "string": File.WriteAllText(authFile, "\"auth\""); break;
            case "number": File.WriteAllText(authFile, "1"); break;
            case "version 2": File.WriteAllText(authFile, Changed(o => o["version"] = 2)); break;
            case "version as string": File.WriteAllText(authFile, Changed(o => o["version"] = "1")); break;
            case "access_token number": File.WriteAllText(authFile, Changed(o => o["access_token"] = 12345)); break;
            case "expires_at string": File.WriteAllText(authFile, Changed(o => o["expires_at"] = "tomorrow")); break;
            case "expires_at huge": File.WriteAllText(authFile, Changed(o => o["expires_at"] = 99999999999999)); break;
            case "expires_at negative": File.WriteAllText(authFile, Changed(o => o["expires_at"] = -1)); break;
            case "source missing": File.WriteAllText(authFile, Changed(o => o.Remove("source"))); break;
            case "invalid UTF-8":
                var text = Changed(o => o["source"] = "SOURCE_MARK");
                var bytes = Encoding.UTF8.GetBytes(text);
                var at = text.IndexOf("SOURCE_MARK", StringComparison.Ordinal);
                bytes[at] = 0xFF;
                bytes[at + 1] = 0xFE;
                File.WriteAllBytes(authFile, bytes);
                break;
            case "deep nesting": File.WriteAllText(authFile, new string('[', 100_000) + new string(']', 100_000)); break;
            case "NUL bytes": File.WriteAllBytes(authFile, new byte[4096]); break;
            case "100 MiB sparse":
                using (var stream = new FileStream(authFile, FileMode.CreateNew))
                {
                    stream.SetLength(100L * 1024 * 1024);
                }

                break;
            case "directory": Directory.CreateDirectory(authFile); break;
            case "BOM then garbage": File.WriteAllBytes(authFile, [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'x']); break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }

        if (File.Exists(authFile))
        {
            File.SetUnixFileMode(authFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string With(JsonObject body, Action<JsonObject> change)
    {
        change(body);
        return body.ToJsonString();
    }

    private static void AssertTypedFailure(SkillResult result, string name, string[] codes)
    {
        Assert.False(result.Ok, $"{name}: {result.ToJson()}");
        Assert.True(codes.Contains(result.Error), $"{name}: {result.ToJson()}");
        Assert.False(string.IsNullOrEmpty(result["detail"] as string), $"{name}: no detail");
    }
}
