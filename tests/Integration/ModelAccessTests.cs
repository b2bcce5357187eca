using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Integration;

/// <summary>
/// Which chat models are offered (models, use-model): what /v1/models lists, plus the unlisted multi-agent model only
/// for the tier that unlocks it (SuperGrok Heavy) or once a call to it worked, minus what xAI refused for the account.
/// </summary>
public sealed class ModelAccessTests
{
    private const string MultiAgent = "xai-grok/grok-4.20-multi-agent-0309";

    // api.x.ai's answer for a model the caller may not use.
    private const string ModelNotFoundBody =
        """{"code":"Some requested entity was not found","error":"The model grok-4.20-multi-agent-0309 does not exist or your team does not have access to it."}""";

    private static readonly ChatMessage[] Hello = [ChatMessage.User("hello there")];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Models_Heavy_OffersTheMultiAgentModelUnlisted()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule(), tier: 5);

        var models = await rig.NewModule().ModelsAsync(cancellationToken: Ct);

        Assert.True(models.Ok, models.ToJson());
        Assert.Contains(MultiAgent, ChatIds(models));
    }

    [Fact]
    public async Task Models_XPremium_DoesNotOfferTheMultiAgentModel_AndUseModelRefusesItWithTheList()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule(), tier: 3);

        var models = await rig.NewModule().ModelsAsync(cancellationToken: Ct);
        var used = await rig.NewModule().UseModelAsync(MultiAgent, Ct);

        Assert.True(models.Ok, models.ToJson());
        Assert.DoesNotContain(MultiAgent, ChatIds(models));
        Assert.Contains("xai-grok/grok-4.3", ChatIds(models));
        Assert.Equal("model_unavailable", used.Error);
        var available = ((IEnumerable<string>)used["available_models"]!).ToArray();
        Assert.Equal(ChatIds(models), available);
    }

    [Fact]
    public async Task Chat_NamingAnUnofferedModel_StillAsksTheServer_AndASuccessMakesItOffered()
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { MultiAgentForEveryTier = true });
        await rig.ConnectAsync(rig.NewModule(), tier: 3);
        Assert.DoesNotContain(MultiAgent, ChatIds(await rig.NewModule().ModelsAsync(cancellationToken: Ct)));
        rig.Emulator.Control.ResetCounters();

        var answer = await rig.NewModule().ChatAsync(MultiAgent, Hello, cancellationToken: Ct);
        var models = await rig.NewModule().ModelsAsync(cancellationToken: Ct);
        var used = await rig.NewModule().UseModelAsync(MultiAgent, Ct);

        Assert.True(answer.Ok, answer.ToJson());
        Assert.Equal(1, rig.Emulator.Control.Count("/v1/responses"));
        Assert.Contains(MultiAgent, ChatIds(models));
        Assert.True(used.Ok, used.ToJson());
        Assert.Equal(false, used["listed"]);
    }

    [Fact]
    public async Task Chat_RefusedAsModelNotFound_IsRemembered_SoModelsAndUseModelStopOfferingIt()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule(), tier: 5);
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/responses") { Status = 404, Body = ModelNotFoundBody, ContentType = "application/json" });

        var refused = await rig.NewModule().ChatAsync(MultiAgent, Hello, cancellationToken: Ct);
        var models = await rig.NewModule().ModelsAsync(force: true, Ct);
        var used = await rig.NewModule().UseModelAsync(MultiAgent, Ct);

        Assert.Equal("model_unavailable", refused.Error);
        var offered = ((IEnumerable<string>)refused["available_models"]!).ToArray();
        Assert.DoesNotContain(MultiAgent, offered);
        Assert.DoesNotContain(MultiAgent, ChatIds(models));
        Assert.Equal("model_unavailable", used.Error);

        // Asked by name, the server is still asked; its yes makes the model offered again.
        var answer = await rig.NewModule().ChatAsync(MultiAgent, Hello, cancellationToken: Ct);
        Assert.True(answer.Ok, answer.ToJson());
        Assert.Contains(MultiAgent, ChatIds(await rig.NewModule().ModelsAsync(cancellationToken: Ct)));
    }

    [Fact]
    public async Task Chat_PlainNotFound_IsNotTakenForARefusalOfTheModel()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule(), tier: 5);
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/responses") { Status = 404, Body = """{"code":"not-found","error":"No route."}""", ContentType = "application/json" });

        var refused = await rig.NewModule().ChatAsync(MultiAgent, Hello, cancellationToken: Ct);

        Assert.False(refused.Ok);
        Assert.Contains(MultiAgent, ChatIds(await rig.NewModule().ModelsAsync(cancellationToken: Ct)));
    }

    [Theory]
    [InlineData("/model xai-grok/grok-4.20-0309-reasoning")]
    [InlineData("  /model    grok-4.20-0309-reasoning  ")]
    [InlineData("/model\txai-grok/grok-4.20-0309-reasoning")]
    public async Task UseModel_TheWholeSlashModelCommand_SelectsTheModel(string text)
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());

        var used = await rig.NewModule().UseModelAsync(text, Ct);
        var answer = await rig.NewModule().ChatAsync(null, Hello, cancellationToken: Ct);

        Assert.True(used.Ok, used.ToJson());
        Assert.Equal("xai-grok/grok-4.20-0309-reasoning", used["model"]);
        Assert.Equal("xai-grok/grok-4.20-0309-reasoning", answer["model"]);
    }

    [Theory]
    [InlineData("/model")]
    [InlineData("/model   ")]
    [InlineData("/models grok-4.3")]
    public async Task UseModel_ASlashModelCommandWithoutAWellFormedId_IsInvalidRequest(string text)
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());

        var used = await rig.NewModule().UseModelAsync(text, Ct);

        Assert.Equal("invalid_request", used.Error);
    }

    [Fact]
    public async Task Chat_TheOnlyUserMessageIsASlashModelCommand_SwitchesWithoutARequest()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());
        await rig.NewModule().ModelsAsync(cancellationToken: Ct);
        rig.Emulator.Control.ResetCounters();

        var switched = await rig.NewModule().ChatAsync(null, [ChatMessage.System("Be brief."), ChatMessage.User(" /model xai-grok/grok-4.20-0309-reasoning ")], cancellationToken: Ct);

        Assert.True(switched.Ok, switched.ToJson());
        Assert.Equal("xai-grok/grok-4.20-0309-reasoning", switched["model"]);
        Assert.Equal(true, switched["listed"]);
        Assert.False(switched.ContainsKey("content"));
        Assert.DoesNotContain(rig.Emulator.Control.Counters, pair => pair.Value > 0);
        var answer = await rig.NewModule().ChatAsync(null, Hello, cancellationToken: Ct);
        Assert.Equal("xai-grok/grok-4.20-0309-reasoning", answer["model"]);
    }

    [Fact]
    public async Task ChatStream_TheOnlyUserMessageIsASlashModelCommand_AnswersAsUseModel()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());
        await rig.NewModule().ModelsAsync(cancellationToken: Ct);
        rig.Emulator.Control.ResetCounters();

        var updates = new List<ChatStreamUpdate>();
        await foreach (var update in rig.NewModule().ChatStreamAsync(null, [ChatMessage.User("/model grok-4.3")], cancellationToken: Ct))
        {
            updates.Add(update);
        }

        var only = Assert.Single(updates);
        Assert.True(only.Result!.Ok, only.Result.ToJson());
        Assert.Equal("xai-grok/grok-4.3", only.Result["model"]);
        Assert.DoesNotContain(rig.Emulator.Control.Counters, pair => pair.Value > 0);
    }

    [Fact]
    public async Task Chat_ASlashModelCommandAmongOtherUserTurns_IsSentAsText()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ConnectAsync(rig.NewModule());

        var answer = await rig.NewModule().ChatAsync("xai-grok/grok-4.3", [ChatMessage.User("what does this do?"), ChatMessage.User("/model grok-4.3")], cancellationToken: Ct);

        Assert.True(answer.Ok, answer.ToJson());
        Assert.Equal("Echo from grok-4.3: /model grok-4.3", answer["content"]);
    }

    private static string[] ChatIds(SkillResult models) =>
        [.. ((IEnumerable<object?>)models["models"]!).Cast<SkillResult>().Select(model => (string)model["id"]!)];
}
