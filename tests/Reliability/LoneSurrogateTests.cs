using System.Runtime.Versioning;
using System.Text;
using System.Text.Json.Nodes;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Cli;
using XaiGrok.Onboarding.Tests.Integration;
using XaiGrok.Onboarding.Tests.Provider;
using XaiGrok.Onboarding.Tests.Support;
using XaiGrok.Onboarding.Tiers;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>
/// A <c>\ud800</c> escape (a lone surrogate: valid JSON, not valid Unicode) in a string value and in a property name,
/// in every JSON the module reads: what a person or agent sends is <c>invalid_request</c>, what a server sends is
/// <c>invalid_response</c>, a state file takes the corrupt-file path; never <c>internal_error</c>, never a stack trace.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class LoneSurrogateTests
{
    // Written into a JSON text where the lone surrogate goes; replaced by the escape after serialization.
    private const string Mark = "LONESURROGATE";
    private const string Escape = "\\ud800";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var reader in new[]
        {
            "discovery", "device authorization", "token (refresh)", "token (poll)", "models", "chat completion answer", "responses answer",
            "chat completions stream", "responses stream", "api error body", "auth.json", "models-cache.json", "settings.json",
            "pending flow", "config.json", "provider output", "chat stdin", "access token claims",
        })
        {
            data.Add(reader, "value");
            data.Add(reader, "name");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task LoneSurrogate_IsATypedResult(string reader, string place)
    {
        var inName = place == "name";
        switch (reader)
        {
            case "chat stdin":
                await ChatStdinAsync(inName);
                return;
            case "provider output":
                await ProviderAsync(inName);
                return;
            case "access token claims":
                AccessTokenClaimsCase(inName);
                return;
        }

        await using var rig = await Rig.StartAsync();
        var module = rig.NewModule();
        var issuer = rig.Emulator.Issuer;
        if (reader is "discovery" or "device authorization")
        {
            var (path, body) = reader == "discovery"
                ? ("/.well-known/openid-configuration", Poisoned(new JsonObject
                {
                    ["issuer"] = issuer,
                    ["token_endpoint"] = issuer + "/oauth2/token",
                    ["device_authorization_endpoint"] = issuer + "/oauth2/device/code",
                }, "issuer", inName))
                : ("/oauth2/device/code", Poisoned(new JsonObject
                {
                    ["device_code"] = "dc-0123456789abcdef0123",
                    ["user_code"] = "ABCD-EFGH",
                    ["verification_uri"] = issuer + "/oauth2/device",
                    ["expires_in"] = 900,
                    ["interval"] = 5,
                }, "device_code", inName));
            rig.Emulator.Control.AddFault(new EmulatorFault(path) { Status = 200, Body = body });
            AssertCode(await rig.AdvancingAsync(module.StartAsync(Figures.Ct)), reader, "invalid_response");
            return;
        }

        await rig.ConnectAsync(module);
        var authFile = Path.Combine(rig.Home, "auth.json");
        var stored = File.ReadAllBytes(authFile);
        var tokenAnswer = new JsonObject { ["access_token"] = "at-" + new string('a', 40), ["token_type"] = "Bearer", ["expires_in"] = 3600, ["refresh_token"] = "rt-" + new string('r', 40) };
        switch (reader)
        {
            case "token (refresh)":
                rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Status = 200, Body = Poisoned(tokenAnswer, "access_token", inName) });
                AssertCode(await rig.AdvancingAsync(module.RefreshAsync(Figures.Ct)), reader, "invalid_response");
                Assert.Equal(stored, File.ReadAllBytes(authFile));
                break;
            case "token (poll)":
                var other = rig.NewModule();
                var started = await other.StartAsync(Figures.Ct);
                rig.Emulator.Control.Approve((string)started["user_code"]!, 4);
                rig.Clock.Advance(TimeSpan.FromSeconds((int)started["interval_seconds"]!));
                rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Status = 200, Body = Poisoned(tokenAnswer, "access_token", inName) });
                AssertCode(await rig.AdvancingAsync(other.PollAsync(cancellationToken: Figures.Ct)), reader, "invalid_response");
                break;
            case "models":
                rig.Emulator.Control.AddFault(new EmulatorFault("/v1/models")
                {
                    Status = 200,
                    Body = Poisoned(new JsonObject
                    {
                        ["object"] = "list",
                        ["data"] = new JsonArray(new JsonObject { ["id"] = "grok-4.3", ["object"] = "model" }, new JsonObject { ["id"] = "grok-4", ["object"] = "model" }),
                    }, "object", inName).Replace("\"grok-4\"", "\"grok-4" + (inName ? "" : Escape) + "\"", StringComparison.Ordinal)
                });
                AssertCode(await rig.AdvancingAsync(module.ModelsAsync(force: true, Figures.Ct)), reader, "invalid_response");
                break;
            case "chat completion answer":
                rig.Emulator.Control.AddFault(new EmulatorFault("/v1/chat/completions") { Status = 200, Body = Poisoned(ChatCompletion("hi" + Mark), null, inName) });
                AssertCode(await rig.AdvancingAsync(module.ChatAsync("xai-grok/grok-4.3", [ChatMessage.User("hello")], cancellationToken: Figures.Ct)), reader, "invalid_response");
                break;
            case "responses answer":
                rig.Emulator.Control.AddFault(new EmulatorFault("/v1/responses") { Status = 200, Body = Poisoned(ResponseObject("hi" + Mark), null, inName) });
                AssertCode(await rig.AdvancingAsync(module.ChatAsync("xai-grok/grok-4.20-multi-agent-0309", [ChatMessage.User("hello")], cancellationToken: Figures.Ct)), reader, "invalid_response");
                break;
            case "chat completions stream":
                var chunk = Poisoned(new JsonObject { ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["content"] = "hi" + Mark } }) }, null, inName);
                rig.Emulator.Control.AddFault(new EmulatorFault("/v1/chat/completions") { Status = 200, ContentType = "text/event-stream", Body = $"data: {chunk}\n\ndata: [DONE]\n\n" });
                AssertCode(await StreamAsync(rig, module, "xai-grok/grok-4.3"), reader, "invalid_response");
                break;
            case "responses stream":
                var delta = Poisoned(new JsonObject { ["type"] = "response.output_text.delta", ["delta"] = "hi" + Mark }, null, inName);
                var completed = new JsonObject { ["type"] = "response.completed", ["response"] = ResponseObject("hi") }.ToJsonString();
                rig.Emulator.Control.AddFault(new EmulatorFault("/v1/responses") { Status = 200, ContentType = "text/event-stream", Body = $"event: response.output_text.delta\ndata: {delta}\n\nevent: response.completed\ndata: {completed}\n\n" });
                AssertCode(await StreamAsync(rig, module, "xai-grok/grok-4.20-multi-agent-0309"), reader, "invalid_response");
                break;
            case "api error body":
                rig.Emulator.Control.AddFault(new EmulatorFault("/v1/chat/completions") { Status = 400, Body = Poisoned(new JsonObject { ["error"] = new JsonObject { ["code"] = "bad" + Mark, ["message"] = "bad " + Mark } }, null, inName) });
                var refused = await rig.AdvancingAsync(module.ChatAsync("xai-grok/grok-4.3", [ChatMessage.User("hello")], cancellationToken: Figures.Ct));
                Assert.False(refused.Ok);
                Assert.NotEqual("internal_error", refused.Error);
                Assert.False(string.IsNullOrEmpty(refused["detail"] as string), refused.ToJson());
                break;
            case "auth.json":
                File.WriteAllText(authFile, Poisoned(JsonNode.Parse(stored)!.AsObject(), "access_token", inName));
                var status = await rig.NewModule().StatusAsync(Figures.Ct);
                Assert.True(status.Ok, status.ToJson());
                Assert.Equal(false, status["connected"]);
                Assert.Contains("Sign in again", status.ToJson(), StringComparison.OrdinalIgnoreCase);
                Assert.True(File.Exists(authFile + ".corrupt"), "auth.json was not kept aside as auth.json.corrupt");
                var logout = await rig.NewModule().LogoutAsync(Figures.Ct);
                Assert.True(logout.Ok, logout.ToJson());
                Assert.False(File.Exists(authFile + ".corrupt"));
                break;
            case "models-cache.json":
                var cacheFile = Path.Combine(rig.Home, "models-cache.json");
                Assert.True(File.Exists(cacheFile), "the sign-in left no model cache");
                File.WriteAllText(cacheFile, Poisoned(JsonNode.Parse(File.ReadAllBytes(cacheFile))!.AsObject(), "key", inName));
                var models = await rig.NewModule().ModelsAsync(cancellationToken: Figures.Ct);
                Assert.True(models.Ok, models.ToJson());
                Assert.Equal(false, models["cached"]);
                break;
            case "settings.json":
                File.WriteAllText(Path.Combine(rig.Home, "settings.json"), Poisoned(new JsonObject { ["selected_model"] = "grok-4.3" + Mark }, null, inName));
                var statusWithSettings = await rig.NewModule().StatusAsync(Figures.Ct);
                Assert.True(statusWithSettings.Ok, statusWithSettings.ToJson());
                Assert.Equal("xai-grok/grok-4.3", statusWithSettings["selected_model"]);
                break;
            case "pending flow":
                var flowModule = rig.NewModule();
                var flow = await flowModule.StartAsync(Figures.Ct);
                var pendingFile = Path.Combine(rig.Home, "pending-" + (string)flow["pending_id"]! + ".json");
                File.WriteAllText(pendingFile, Poisoned(JsonNode.Parse(File.ReadAllBytes(pendingFile))!.AsObject(), "device_code", inName));
                AssertCode(await rig.NewModule().PollAsync((string)flow["pending_id"]!, Figures.Ct), reader, "no_pending_flow");
                break;
            case "config.json":
                File.WriteAllText(Path.Combine(rig.Home, "config.json"), Poisoned(new JsonObject { ["models"] = new JsonObject { ["grok-4.3"] = new JsonObject { ["api_key"] = "xai-key" + Mark } } }, null, inName));
                var chat = await rig.AdvancingAsync(rig.NewModule().ChatAsync("xai-grok/grok-4.3", [ChatMessage.User("hello")], cancellationToken: Figures.Ct));
                Assert.True(chat.Ok, chat.ToJson());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(reader), reader, null);
        }

        Figures.Report($"lone surrogate in a {place} of {reader}: typed result");
    }

    private static async Task ChatStdinAsync(bool inName)
    {
        using var home = new TestHome();
        var messages = inName ? $"[{{\"role\":\"user\",\"content\":\"hi\",\"x{Escape}\":1}}]" : $"[{{\"role\":\"user\",\"content\":\"hi{Escape}\"}}]";
        var start = CliRunner.StartInfo(new Dictionary<string, string> { ["XAI_GROK_HOME"] = home.Path, ["XAI_API_BASE_URL"] = "http://127.0.0.1:9/v1" }, "chat");
        var (run, _) = await PeakMemory.RunAsync(start, messages);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("invalid_request", run.Json.GetProperty("error").GetString());
        Assert.DoesNotContain("   at ", run.Stdout + run.Stderr, StringComparison.Ordinal);

        // The parser itself, for both places.
        Assert.Null(ChatInput.Parse(messages, out var problem));
        Assert.Contains("surrogate", problem, StringComparison.Ordinal);
    }

    private static async Task ProviderAsync(bool inName)
    {
        using var rig = new ProviderRig();
        var output = inName ? $"{{\"access_token\":\"provider-token-1234\",\"x{Escape}\":1}}" : $"{{\"access_token\":\"provider-token{Escape}\"}}";
        var module = rig.Module(rig.Script($"printf '%s' '{output}'"));

        var status = await module.StatusAsync(Figures.Ct);

        Assert.True(status.Ok, status.ToJson());
        Assert.Equal(false, status["connected"]);
        Assert.Contains("no usable token", status.ToJson(), StringComparison.Ordinal);
    }

    private static void AccessTokenClaimsCase(bool inName)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var payload = inName ? $"{{\"tier\":4,\"sub\":\"u1\",\"x{Escape}\":1}}" : $"{{\"tier\":4,\"sub\":\"u1{Escape}\",\"email\":\"a{Escape}@b\"}}";
        var jwt = Part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Part(payload) + ".sig";

        var claims = AccessTokenClaims.Read(jwt);

        Assert.Null(claims.Subject);
        Assert.Null(claims.Email);
    }

    private static async Task<SkillResult> StreamAsync(Rig rig, GrokOnboarding module, string model)
    {
        SkillResult? last = null;
        await foreach (var update in module.ChatStreamAsync(model, [ChatMessage.User("hello")], cancellationToken: Figures.Ct))
        {
            last = update.Result ?? last;
            rig.StepToShortTimer();
        }

        return last!;
    }

    private static JsonObject ChatCompletion(string content) => new()
    {
        ["id"] = "c1",
        ["object"] = "chat.completion",
        ["model"] = "grok-4.3",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content }, ["finish_reason"] = "stop" }),
    };

    private static JsonObject ResponseObject(string text) => new()
    {
        ["id"] = "r1",
        ["object"] = "response",
        ["status"] = "completed",
        ["output"] = new JsonArray(new JsonObject { ["type"] = "message", ["role"] = "assistant", ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = text }) }),
    };

    /// <summary>
    /// The document with a lone surrogate: inside <paramref name="field"/>'s string value (or wherever the document
    /// already holds <see cref="Mark"/>), or in the name of one more property.
    /// </summary>
    private static string Poisoned(JsonObject document, string? field, bool inName)
    {
        if (inName)
        {
            document["x" + Mark] = 1;
        }
        else if (field is not null)
        {
            document[field] = (string)document[field]! + Mark;
        }

        var text = document.ToJsonString();
        if (!inName)
        {
            return text.Replace(Mark, Escape, StringComparison.Ordinal);
        }

        // Only the property name carries it: every value keeps its text.
        return text.Replace("\"x" + Mark + "\"", "\"x" + Escape + "\"", StringComparison.Ordinal).Replace(Mark, "", StringComparison.Ordinal);
    }

    private static void AssertCode(SkillResult result, string reader, string code)
    {
        Assert.False(result.Ok, $"{reader}: {result.ToJson()}");
        Assert.True(result.Error == code, $"{reader}: expected {code}: {result.ToJson()}");
        Assert.False(string.IsNullOrEmpty(result["detail"] as string), $"{reader}: no detail");
    }
}
