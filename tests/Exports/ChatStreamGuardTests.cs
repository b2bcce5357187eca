using Microsoft.Extensions.Time.Testing;
using XaiGrok.Onboarding.Config;
using XaiGrok.Onboarding.Runtime;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Exports;

/// <summary>
/// <see cref="GrokOnboarding.ChatStreamAsync"/> goes through the same guard as every other call: a bad setting, an
/// unsafe state folder or an exception nobody expected ends the stream with one typed failure, logged as the other
/// calls log theirs, and never escapes as an exception.
/// </summary>
public sealed class ChatStreamGuardTests : IDisposable
{
    private readonly TestHome home = new();
    private readonly CapturedLog log = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => home.Dispose();

    [Fact]
    public async Task ChatStream_InvalidSetting_EndsWithTheTypedFailure_LoggedLikeEveryCall()
    {
        var options = Options() with { InvalidSettings = [new InvalidSetting("XAI_GROK_STREAM_TIMEOUT", "XAI_GROK_STREAM_TIMEOUT is not a number of seconds")] };

        var update = await SingleUpdateAsync(options);

        Assert.Equal("invalid_configuration", update.Result!.Error);
        Assert.Contains(log.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("ChatStreamAsync failed: invalid_configuration", StringComparison.Ordinal));
        Assert.False(Directory.Exists(home.Path), "the state folder was touched");
    }

    [Fact]
    public async Task ChatStream_UnsafeStateFolder_EndsWithCredentialStoreError_LoggedLikeEveryCall()
    {
        Directory.CreateDirectory(home.Path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(home.Path, (UnixFileMode)0x1FF);
        }

        var update = await SingleUpdateAsync(Options());

        Assert.Equal("credential_store_error", update.Result!.Error);
        Assert.False(string.IsNullOrWhiteSpace((string?)update.Result["hint"]));
        Assert.Contains(log.Lines, line => line.Contains("ChatStreamAsync failed: credential_store_error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChatStream_UnexpectedException_EndsWithInternalError_AndOneErrorLineNamingIt()
    {
        var update = await SingleUpdateAsync(Options(), new ThrowingHandler());

        Assert.Equal("internal_error", update.Result!.Error);
        var crashed = Assert.Single(log.Lines, line => line.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains("ChatStreamAsync failed unexpectedly: InvalidOperationException", crashed, StringComparison.Ordinal);
    }

    private OnboardingOptions Options() => new() { Home = home.Path, ApiBaseUrl = new Uri("http://127.0.0.1:9"), ApiKey = "xai-canary-guard-test-key" };

    private async Task<ChatStreamUpdate> SingleUpdateAsync(OnboardingOptions options, HttpMessageHandler? handler = null)
    {
        using var module = new GrokOnboarding(new OnboardingRuntime(options, new FakeTimeProvider(), handler: handler, environment: _ => null, loggerFactory: log));
        var updates = new List<ChatStreamUpdate>();
        await foreach (var update in module.ChatStreamAsync("xai-grok/grok-4.3", [ChatMessage.User("hello")], cancellationToken: Ct))
        {
            updates.Add(update);
        }

        var only = Assert.Single(updates);
        Assert.NotNull(only.Result);
        Assert.False(only.Result.Ok);
        return only;
    }

    private sealed class ThrowingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a bug in a handler");
    }
}
