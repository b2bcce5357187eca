using System.Text.Json;
using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Cli;

/// <summary>models and use-model offer only what the account can use, also across processes; /model as the seed writes it.</summary>
public sealed class CliModelAccessTests
{
    private const string MultiAgent = "xai-grok/grok-4.20-multi-agent-0309";

    [Fact]
    public async Task UseModel_UnofferedOnXPremium_IsModelUnavailableWithTheList()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync(tier: 3);

        var models = await cli.RunAsync("models");
        var used = await cli.RunAsync("use-model", MultiAgent);

        Assert.DoesNotContain(MultiAgent, ChatIds(models.Json));
        Assert.NotEqual(0, used.ExitCode);
        Assert.Equal("model_unavailable", used.Json.GetProperty("error").GetString());
        Assert.Equal(ChatIds(models.Json), used.Json.GetProperty("available_models").EnumerateArray().Select(id => id.GetString()!).ToArray());
        cli.AssertNoSecretsLeaked();
    }

    [Fact]
    public async Task Chat_RefusedAsModelNotFound_IsRememberedByTheNextProcess()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync(tier: 5);
        Assert.Contains(MultiAgent, ChatIds((await cli.RunAsync("models")).Json));
        cli.Control.AddFault(new EmulatorFault("/v1/responses")
        {
            Status = 404,
            ContentType = "application/json",
            Body = """{"code":"Some requested entity was not found","error":"The model grok-4.20-multi-agent-0309 does not exist or your team does not have access to it."}""",
        });

        var refused = await cli.RunAsync("chat", "--model", MultiAgent, "--message", "hi");
        var models = await cli.RunAsync("models", "--force");
        var used = await cli.RunAsync("use-model", MultiAgent);

        Assert.Equal("model_unavailable", refused.Json.GetProperty("error").GetString());
        Assert.DoesNotContain(MultiAgent, ChatIds(models.Json));
        Assert.Equal("model_unavailable", used.Json.GetProperty("error").GetString());
        cli.AssertNoSecretsLeaked();
    }

    [Theory]
    [InlineData("/model xai-grok/grok-4.20-0309-reasoning")]
    [InlineData("  /model   grok-4.20-0309-reasoning ")]
    public async Task UseModel_TheCommandTextAsOneArgument_SelectsTheModel(string text)
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();

        var used = await cli.RunAsync("use-model", text);

        Assert.Equal(0, used.ExitCode);
        Assert.Equal("xai-grok/grok-4.20-0309-reasoning", used.Json.GetProperty("model").GetString());
    }

    [Fact]
    public async Task UseModel_TheCommandAsTwoWords_SelectsTheModel()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();

        var used = await cli.RunAsync("use-model", "/model", "xai-grok/grok-4.20-0309-reasoning");

        Assert.Equal(0, used.ExitCode);
        Assert.Equal("xai-grok/grok-4.20-0309-reasoning", used.Json.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Chat_MessageIsASlashModelCommand_SwitchesWithoutARequestToXai()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        await cli.RunAsync("models");
        cli.Control.ResetCounters();

        var switched = await cli.RunAsync("chat", "-m", "/model xai-grok/grok-4.20-0309-reasoning");

        Assert.Equal(0, switched.ExitCode);
        var json = CliHarness.AssertOneJsonObject(switched);
        Assert.Equal("xai-grok/grok-4.20-0309-reasoning", json.GetProperty("model").GetString());
        Assert.DoesNotContain(cli.Control.Counters, pair => pair.Value > 0);
        var answer = await cli.RunAsync("chat", "-m", "hello");
        Assert.Equal("xai-grok/grok-4.20-0309-reasoning", answer.Json.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Chat_TheOnlyUserMessageOnStdinIsASlashModelCommand_Switches()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync();
        await cli.RunAsync("models");
        cli.Control.ResetCounters();

        var switched = await cli.RunWithInputAsync("""[{"role":"user","content":"/model grok-4.3"}]""", "chat");

        Assert.Equal(0, switched.ExitCode);
        Assert.Equal("xai-grok/grok-4.3", switched.Json.GetProperty("model").GetString());
        Assert.DoesNotContain(cli.Control.Counters, pair => pair.Value > 0);
    }

    private static string[] ChatIds(JsonElement models) =>
        [.. models.GetProperty("models").EnumerateArray().Select(model => model.GetProperty("id").GetString()!)];
}
