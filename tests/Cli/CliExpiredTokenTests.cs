using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>api.x.ai refuses an expired OAuth token (401, or 403 unauthenticated:bad-credentials): refresh once, retry once.</summary>
public sealed class CliExpiredTokenTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ModelsForce_WithAnAccessTokenTheApiRefuses_RefreshesOnceAndRetriesOnce(bool expiredAs403)
    {
        await using var cli = await CliHarness.StartAsync(new EmulatorOptions
        {
            PollIntervalSeconds = 1,
            EnforcePollInterval = true,
            ExpiredTokenAs403 = expiredAs403,
        });
        await cli.ConnectAsync();
        var modelsBefore = cli.Control.Count("/v1/models");
        cli.Control.ExpireAccessTokens();

        var models = await cli.RunAsync("models", "--force");

        var json = CliHarness.AssertOneJsonObject(models);
        Assert.True(models.ExitCode == 0, models.ToString());
        Assert.False(json.GetProperty("cached").GetBoolean());
        Assert.Contains(json.GetProperty("models").EnumerateArray(), m => m.GetProperty("id").GetString() == "xai-grok/grok-4.3");
        Assert.Equal(1, cli.Control.Count("grant:refresh_token"));
        Assert.Equal(modelsBefore + 2, cli.Control.Count("/v1/models"));
        Assert.Equal(0, cli.Control.RefreshTokenReuseCount);

        var status = await cli.RunAsync("status");
        Assert.True(status.Json.GetProperty("connected").GetBoolean(), status.ToString());

        CliHarness.AssertNoStackTrace(models);
        cli.AssertNoSecretsLeaked();
    }
}
