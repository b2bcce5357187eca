using System.Diagnostics;
using System.Threading.Channels;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Provider;

/// <summary>
/// <see cref="OnboardingOptions.OnProviderMessage"/>: the provider's stderr lines reach the host while the provider still
/// runs (it is held on a FIFO the test opens), redacted, the first https URL marked; the lines stay in the result.
/// </summary>
public sealed class ProviderMessageTests
{
    private const string Token = "message-canary-token-5c8e0b3a";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Callback_GetsEachLine_WhileTheProviderIsBlocked_AndTheResultKeepsThem()
    {
        using var rig = new ProviderRig();
        var fifo = MakeFifo(rig);
        var heard = Channel.CreateUnbounded<ProviderMessage>();
        var module = rig.Module(
            rig.Script($"echo 'Authenticating via Acme SSO...' >&2\necho 'open https://sso.acme.test/device?code=XY-12 to continue' >&2\necho 'see also https://other.acme.test/' >&2\nread go < '{fifo}'\necho '{Token}'"),
            options => options with { ProviderTimeout = TimeSpan.FromSeconds(60), OnProviderMessage = message => heard.Writer.TryWrite(message) });

        var status = module.StatusAsync(Ct);
        var first = await NextAsync(heard);
        var second = await NextAsync(heard);
        var third = await NextAsync(heard);

        Assert.False(status.IsCompleted, "the call ended before the provider was released");
        Assert.Equal(new ProviderMessage("Authenticating via Acme SSO...", null), first);
        Assert.Equal("open https://sso.acme.test/device?code=XY-12 to continue", second.Line);
        Assert.Equal(new Uri("https://sso.acme.test/device?code=XY-12"), second.SignInUrl);
        Assert.Null(third.SignInUrl);

        await File.WriteAllTextAsync(fifo, "go\n", Ct);
        var result = await status;

        Assert.Equal("external_provider", result["source"]);
        Assert.Equal([first.Line, second.Line, third.Line], (IEnumerable<string>)result["provider_messages"]!);
        Assert.DoesNotContain(Token, result.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JwtShapedTokenOnStderr_BeforeStdout_ReachesTheHostRedacted()
    {
        using var rig = new ProviderRig();
        const string jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjYW5hcnkifQ.c2lnbmF0dXJlLWNhbmFyeQ";
        var heard = new List<ProviderMessage>();
        var module = rig.Module(
            rig.Script($"echo 'got {jwt} from the vault' >&2\necho '{jwt}'"),
            options => options with { OnProviderMessage = message => { lock (heard) { heard.Add(message); } } });

        var status = await module.StatusAsync(Ct);

        Assert.Equal("external_provider", status["source"]);
        Assert.Equal("got [redacted] from the vault", Assert.Single(heard).Line);
        Assert.DoesNotContain(jwt, status.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACallbackThatThrows_DoesNotStopTheProvider()
    {
        using var rig = new ProviderRig();
        var module = rig.Module(
            rig.Script($"echo 'one' >&2\necho 'two' >&2\necho '{Token}'"),
            options => options with { OnProviderMessage = _ => throw new InvalidOperationException("the host's display broke") });

        var status = await module.StatusAsync(Ct);

        Assert.Equal("external_provider", status["source"]);
        Assert.Equal(["one", "two"], (IEnumerable<string>)status["provider_messages"]!);
    }

    [Fact]
    public async Task LoginWithProvider_Failing_SaysWhyWithItsLines_AndLeavesTheSessionAlone()
    {
        using var rig = new ProviderRig();
        var module = rig.Module(rig.Script("echo 'Acme SSO is down' >&2\nexit 3"));

        var login = await module.LoginWithProviderAsync(Ct);

        Assert.Equal("not_connected", login.Error);
        Assert.Contains("exited 3", (string)login["detail"]!, StringComparison.Ordinal);
        Assert.Equal(["Acme SSO is down"], (IEnumerable<string>)login["provider_messages"]!);
        Assert.False(File.Exists(Path.Combine(rig.Home, "auth.json")));
    }

    [Fact]
    public async Task Timeout_LogsTheSeedsTimedOutLine_AtWarning()
    {
        using var rig = new ProviderRig();
        var log = new CapturedLog();
        var module = rig.Module(rig.Script("sleep 30\necho late"), options => options with { ProviderTimeout = TimeSpan.FromSeconds(1) }, log: log);

        await module.StatusAsync(Ct);

        Assert.Contains(log.Lines, line => line.StartsWith("Information XaiGrok.Onboarding.Provider[600] auth: running external auth provider", StringComparison.Ordinal));
        Assert.Contains(log.Lines, line => line.StartsWith("Warning XaiGrok.Onboarding.Provider[603] auth: external auth provider timed out (likely needs interactive auth), killing", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, line => line.Contains("auth: external auth provider failed", StringComparison.Ordinal));
    }

    private static async Task<ProviderMessage> NextAsync(Channel<ProviderMessage> heard)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        return await heard.Reader.ReadAsync(limit.Token);
    }

    private static string MakeFifo(ProviderRig rig)
    {
        var path = Path.Combine(rig.ScriptFolder, "release-" + Guid.NewGuid().ToString("N")[..8]);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false }) ?? throw new InvalidOperationException("no mkfifo");
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }
}
