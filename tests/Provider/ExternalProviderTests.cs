using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Provider;

public sealed class ExternalProviderTests
{
    private const string Token = "provider-canary-token-7f3a9c";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BareToken_IsStoredAsTheSessionWithThe30DayFallback()
    {
        using var rig = new ProviderRig();

        var status = await rig.Module(rig.Script($"printf '  {Token}\\n'")).StatusAsync(Ct);

        Assert.Equal(true, status["connected"]);
        Assert.Equal("external_provider", status["source"]);
        Assert.InRange((long)status["expires_in_seconds"]!, (30 * 86400) - 60, 30 * 86400);
        SecretScan.AssertAbsent(status.ToJson(), new Dictionary<string, string> { ["provider token"] = Token });
    }

    [Fact]
    public async Task JsonToken_UsesItsExpiresIn()
    {
        using var rig = new ProviderRig();

        var status = await rig.Module(rig.Script($"echo '{{\"access_token\": \"{Token}\", \"refresh_token\": \"ref-tok-123456\", \"expires_in\": 3600}}'")).StatusAsync(Ct);

        Assert.Equal("external_provider", status["source"]);
        Assert.InRange((long)status["expires_in_seconds"]!, 3500, 3600);
    }

    [Fact]
    public async Task BareTokenWithTokenTtl_UsesTheTtl()
    {
        using var rig = new ProviderRig();

        var status = await rig.Module(rig.Script($"echo {Token}"), options => options with { ProviderTokenTtl = TimeSpan.FromSeconds(900) }).StatusAsync(Ct);

        Assert.InRange((long)status["expires_in_seconds"]!, 850, 900);
    }

    [Fact]
    public async Task NonZeroExit_IsSkippedWithTheReasonAndTheSignInUrl()
    {
        using var rig = new ProviderRig();

        var status = await rig.Module(rig.Script("echo 'Authenticating via Acme SSO: open https://sso.acme.test/device?code=XY-12 to continue' >&2\nexit 1")).StatusAsync(Ct);

        Assert.Equal(false, status["connected"]);
        Assert.Contains("exited 1", string.Join(" ", (IEnumerable<string>)status["skipped"]!), StringComparison.Ordinal);
        Assert.Equal("https://sso.acme.test/device?code=XY-12", status["sign_in_url"]);
    }

    [Theory]
    [InlineData(Token)]
    [InlineData("pv5Cn")]
    public async Task FailingProvider_RepeatsItsTokenOnStderr_ProviderMessagesShowItRedacted(string token)
    {
        using var rig = new ProviderRig();
        var module = rig.Module(rig.Script($"echo {token}\necho \"debug: got token {token} from the vault\" >&2\nexit 1"));

        var models = await module.ModelsAsync(force: true, Ct);
        var status = await module.StatusAsync(Ct);

        Assert.False(models.Ok);
        Assert.Contains("debug: got token [redacted] from the vault", (IEnumerable<string>)models["provider_messages"]!);
        Assert.DoesNotContain(token, models.ToJson() + status.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenUnderFourCharacters_IsRefused()
    {
        using var rig = new ProviderRig();

        var status = await rig.Module(rig.Script("echo p3Z")).StatusAsync(Ct);

        Assert.Equal(false, status["connected"]);
        Assert.Contains("at least 4 printable characters", string.Join(" ", (IEnumerable<string>)status["skipped"]!), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(rig.Home, "auth.json")), "the short token was stored");
    }

    [Fact]
    public async Task EmptyStdout_IsSkipped()
    {
        using var rig = new ProviderRig();

        var status = await rig.Module(rig.Script("echo 'nothing for you' >&2")).StatusAsync(Ct);

        Assert.Contains("no usable token", string.Join(" ", (IEnumerable<string>)status["skipped"]!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingCommand_SaysNotFound()
    {
        using var rig = new ProviderRig();

        var status = await rig.Module("/nonexistent/acme-auth").StatusAsync(Ct);

        Assert.Contains("not found", string.Join(" ", (IEnumerable<string>)status["skipped"]!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotExecutable_SaysSo()
    {
        using var rig = new ProviderRig();

        var status = await rig.Module(rig.Script($"echo {Token}", executable: false)).StatusAsync(Ct);

        Assert.Contains("not executable", string.Join(" ", (IEnumerable<string>)status["skipped"]!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_KillsTheProviderAndSkipsIt()
    {
        using var rig = new ProviderRig();
        var module = rig.Module(rig.Script("sleep 30\necho late"), options => options with { ProviderTimeout = TimeSpan.FromSeconds(1) });

        var (status, took) = await ProviderRig.TimedAsync(() => module.StatusAsync(Ct));

        Assert.Contains("timed out", string.Join(" ", (IEnumerable<string>)status["skipped"]!), StringComparison.Ordinal);
        Assert.True(took < TimeSpan.FromSeconds(10), $"took {took}");
    }

    [Fact]
    public async Task GrandchildHoldingStdout_DoesNotHangTheCall()
    {
        using var rig = new ProviderRig();
        var module = rig.Module(rig.Script($"sleep 30 &\nprintf {Token}"), options => options with { ProviderTimeout = TimeSpan.FromSeconds(20) });

        var (status, took) = await ProviderRig.TimedAsync(() => module.StatusAsync(Ct));

        Assert.Equal("external_provider", status["source"]);
        Assert.True(took < TimeSpan.FromSeconds(10), $"took {took}");
    }

    [Fact]
    public async Task TenMebibytesOfOutput_IsRefusedWithoutHanging()
    {
        using var rig = new ProviderRig();
        var module = rig.Module(rig.Script("head -c 10485760 /dev/zero | tr '\\0' 'a'"), options => options with { ProviderTimeout = TimeSpan.FromSeconds(20) });

        var (status, took) = await ProviderRig.TimedAsync(() => module.StatusAsync(Ct));

        Assert.Contains("larger than 64 KiB", string.Join(" ", (IEnumerable<string>)status["skipped"]!), StringComparison.Ordinal);
        Assert.True(took < TimeSpan.FromSeconds(15), $"took {took}");
    }

    [Fact]
    public async Task Refresh_RerunsTheProviderWithGrokAuthExpired()
    {
        using var rig = new ProviderRig();
        var marker = Path.Combine(rig.ScriptFolder, "expired-flags");
        var module = rig.Module(rig.Script($"echo \"$GROK_AUTH_EXPIRED\" >> '{marker}'\necho '{{\"access_token\": \"{Token}-'$$'\", \"expires_in\": 3600}}'"));

        var first = await module.StatusAsync(Ct);
        var refreshed = await module.RefreshAsync(Ct);

        Assert.Equal("external_provider", first["source"]);
        Assert.True(refreshed.Ok, refreshed.ToJson());
        Assert.Equal(["0", "1"], File.ReadAllLines(marker));
    }

    [Fact]
    public async Task FreshProviderToken_IsNotFetchedAgain()
    {
        using var rig = new ProviderRig();
        var marker = Path.Combine(rig.ScriptFolder, "runs");
        var script = rig.Script($"echo run >> '{marker}'\necho '{{\"access_token\": \"{Token}\", \"expires_in\": 3600}}'");

        await rig.Module(script).StatusAsync(Ct);
        await rig.Module(script).StatusAsync(Ct);

        Assert.Single(File.ReadAllLines(marker));
    }
}
