using System.Runtime.Versioning;
using System.Text;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Tests.Integration;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Reliability;

/// <summary>
/// Canaries: the access, refresh and id tokens and the device code (every one the run ever saw on disk, since they
/// rotate) must not show in any result, CLI output, exception text, or any state file other than auth.json and
/// pending-*.json — raw, URL-encoded or base64.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class SecretLeakTests
{
    private static readonly ChatMessage[] Hello = [ChatMessage.User("hello")];

    [Fact]
    public async Task EndToEndInProcess_NoSecretInResultsExceptionsOrOtherFiles()
    {
        await using var rig = await Rig.StartAsync();
        var secrets = new Dictionary<string, string>();
        var texts = new List<(string Label, string Text)>();
        void Learn()
        {
            foreach (var (label, value) in rig.SecretsOnDisk())
            {
                if (!secrets.ContainsValue(value))
                {
                    secrets[$"{label} #{secrets.Count + 1}"] = value;
                }
            }
        }

        void Keep(string label, SkillResult result)
        {
            texts.Add((label, result.ToJson()));
            Learn();
        }

        var module = rig.NewModule();
        var started = await module.StartAsync(Figures.Ct);
        Keep("start", started);
        Keep("poll pending", await module.PollAsync(cancellationToken: Figures.Ct));
        rig.Emulator.Control.Approve((string)started["user_code"]!, 5);
        rig.Clock.Advance(TimeSpan.FromSeconds(10));
        Keep("status with pending", await module.StatusAsync(Figures.Ct));
        Keep("poll connected", await module.PollAsync(cancellationToken: Figures.Ct));
        Keep("status", await module.StatusAsync(Figures.Ct));
        Keep("refresh", await module.RefreshAsync(Figures.Ct));
        Keep("models", await module.ModelsAsync(force: true, Figures.Ct));
        Keep("use-model", await module.UseModelAsync("grok-4.3", Figures.Ct));
        Keep("chat", await module.ChatAsync(null, Hello, cancellationToken: Figures.Ct));
        Keep("chat multi-agent", await module.ChatAsync("grok-4.20-multi-agent-0309", Hello, Thinking.High, Figures.Ct));
        await foreach (var update in module.ChatStreamAsync(null, Hello, cancellationToken: Figures.Ct))
        {
            texts.Add(("stream", update.Delta ?? update.Result!.ToJson()));
        }

        // Failures: server errors, a cut stream, an expired token, a lost refresh answer, a revoked grant.
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/chat/completions") { Status = 429, RetryAfter = "600" });
        Keep("chat 429", await rig.AdvancingAsync(module.ChatAsync(null, Hello, cancellationToken: Figures.Ct)));
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/chat/completions") { CutStreamAfterEvents = 1 });
        await foreach (var update in module.ChatStreamAsync(null, Hello, cancellationToken: Figures.Ct))
        {
            texts.Add(("cut stream", update.Delta ?? update.Result!.ToJson()));
        }

        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/models", Count: 4) { Status = 500 });
        Keep("models 500", await rig.AdvancingAsync(module.ModelsAsync(force: true, Figures.Ct)));
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/models") { Status = 403, Body = "{\"code\":\"forbidden\",\"error\":\"no active Grok subscription\"}" });
        Keep("models 403", await module.ModelsAsync(force: true, Figures.Ct));
        rig.Emulator.Control.ExpireAccessTokens();
        Keep("chat after expiry", await module.ChatAsync(null, Hello, cancellationToken: Figures.Ct));
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { Status = 400, Body = "{\"error\":\"invalid_request\",\"error_description\":\"echo " + secrets.Values.Last() + "\"}" });
        Keep("refresh echoing server", await module.RefreshAsync(Figures.Ct));
        rig.Emulator.Control.AddFault(new EmulatorFault("/oauth2/token") { ProcessThenDrop = true });
        Keep("refresh lost", await module.RefreshAsync(Figures.Ct));
        Keep("refresh revoked", await module.RefreshAsync(Figures.Ct));
        Keep("status revoked", await module.StatusAsync(Figures.Ct));
        Keep("chat revoked", await module.ChatAsync(null, Hello, cancellationToken: Figures.Ct));

        // Exceptions that can be provoked: a cancelled call, and a credential lock that is never free.
        using (var cancelled = new CancellationTokenSource())
        {
            await cancelled.CancelAsync();
            var thrown = await Record.ExceptionAsync(() => module.RefreshAsync(cancelled.Token));
            texts.Add(("cancelled", thrown?.ToString() ?? ""));
        }

        using (var held = CrossProcessLock.TryAcquire(Path.Combine(rig.Home, "auth.lock")))
        {
            Assert.NotNull(held);
            using var runtime = new XaiGrok.Onboarding.Runtime.OnboardingRuntime(rig.Options with { LockTimeout = TimeSpan.FromMilliseconds(50) }, rig.Clock);
            var thrown = await Record.ExceptionAsync(() => rig.AdvancingAsync(runtime.Session.RefreshAsync(null, force: true, Figures.Ct)));
            texts.Add(("lock timeout exception", thrown?.ToString() ?? ""));
        }

        // Sign in again (a second grant), then log out.
        var second = await rig.NewModule().StartAsync(Figures.Ct);
        Learn();
        rig.Emulator.Control.Approve((string)second["user_code"]!, 3);
        rig.Clock.Advance(TimeSpan.FromSeconds(10));
        Keep("poll again", await module.PollAsync(cancellationToken: Figures.Ct));
        Keep("models again", await module.ModelsAsync(cancellationToken: Figures.Ct));

        var otherFiles = Directory.EnumerateFiles(rig.Home, "*", new EnumerationOptions { AttributesToSkip = 0 })
            .Where(file => Path.GetFileName(file) is var name && name != "auth.json" && !(name.StartsWith("pending-", StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal)))
            .ToArray();
        foreach (var file in otherFiles)
        {
            texts.Add(("file " + Path.GetFileName(file), Encoding.UTF8.GetString(File.ReadAllBytes(file))));
        }

        Keep("logout", await module.LogoutAsync(Figures.Ct));
        Keep("status after logout", await module.StatusAsync(Figures.Ct));

        Assert.Contains(secrets.Keys, label => label.StartsWith("access_token", StringComparison.Ordinal));
        Assert.Contains(secrets.Keys, label => label.StartsWith("refresh_token", StringComparison.Ordinal));
        Assert.Contains(secrets.Keys, label => label.StartsWith("id_token", StringComparison.Ordinal));
        Assert.Contains(secrets.Keys, label => label.StartsWith("device_code", StringComparison.Ordinal));
        foreach (var (label, text) in texts)
        {
            var found = secrets.Where(secret => Leaks(text, secret.Value)).Select(secret => secret.Key).ToArray();
            Assert.True(found.Length == 0, $"{label} contains {string.Join(", ", found)}");
        }

        Figures.Report($"secrets in-process: {secrets.Count} canaries (tokens, id tokens, device codes) x {texts.Count} texts " +
            $"({otherFiles.Length} other state files: {string.Join(", ", otherFiles.Select(Path.GetFileName))}): 0 found");
    }

    private static bool Leaks(string text, string secret)
    {
        try
        {
            SecretScan.AssertAbsent(text, new Dictionary<string, string> { ["s"] = secret });
            return false;
        }
        catch (Xunit.Sdk.XunitException)
        {
            return true;
        }
    }
}
