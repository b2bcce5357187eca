using Npgsql;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tests.Integration;
using Xunit;

namespace XaiGrok.Onboarding.Tests.PostgreSql;

/// <summary>
/// What calls taught about a person's models is shared by the replicas: <c>models</c> and <c>use-model</c> answer the
/// same on every replica once one of them learned that xAI refuses a model, or that an unlisted one works. A replica
/// left to learn on its own would offer a refused model (and store it as the person's choice, which every replica then
/// uses) or refuse one that works.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresModelAccessTests(PostgresServer server)
{
    private const string MultiAgent = "xai-grok/grok-4.20-multi-agent-0309";

    private const string ModelNotFoundBody =
        """{"code":"Some requested entity was not found","error":"The model grok-4.20-multi-agent-0309 does not exist or your team does not have access to it."}""";

    private static readonly ChatMessage[] Hello = [ChatMessage.User("hello there")];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AModelRefusedOnOneReplica_IsNeitherOfferedNorAcceptedOnAnother()
    {
        await using var rig = await Rig.StartAsync();
        await using var replicas = await PostgresReplicas.StartAsync(server, rig);
        var first = await replicas.ModuleAsync("user-refused");
        var second = await replicas.ModuleAsync("user-refused");
        await rig.ConnectAsync(first, tier: 5);
        Assert.Contains(MultiAgent, ChatIds(await second.ModelsAsync(cancellationToken: Ct)));
        rig.Emulator.Control.AddFault(new EmulatorFault("/v1/responses") { Status = 404, Body = ModelNotFoundBody, ContentType = "application/json" });

        var refused = await first.ChatAsync(MultiAgent, Hello, cancellationToken: Ct);
        var models = await second.ModelsAsync(cancellationToken: Ct);
        var used = await second.UseModelAsync(MultiAgent, Ct);

        Assert.Equal("model_unavailable", refused.Error);
        Assert.DoesNotContain(MultiAgent, ChatIds(models));
        Assert.Equal("model_unavailable", used.Error);
    }

    [Fact]
    public async Task AnUnlistedModelThatWorkedOnOneReplica_IsOfferedAndAcceptedOnAnother()
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { MultiAgentForEveryTier = true });
        await using var replicas = await PostgresReplicas.StartAsync(server, rig);
        var first = await replicas.ModuleAsync("user-works");
        var second = await replicas.ModuleAsync("user-works");
        await rig.ConnectAsync(first, tier: 3);
        Assert.DoesNotContain(MultiAgent, ChatIds(await second.ModelsAsync(cancellationToken: Ct)));

        var answer = await first.ChatAsync(MultiAgent, Hello, cancellationToken: Ct);
        var models = await second.ModelsAsync(cancellationToken: Ct);
        var used = await second.UseModelAsync(MultiAgent, Ct);

        Assert.True(answer.Ok, answer.ToJson());
        Assert.Contains(MultiAgent, ChatIds(models));
        Assert.True(used.Ok, used.ToJson());
    }

    [Fact]
    public async Task WhatAReplicaLearned_IsForgottenOnEveryReplicaAtLogout()
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { MultiAgentForEveryTier = true });
        await using var replicas = await PostgresReplicas.StartAsync(server, rig);
        var first = await replicas.ModuleAsync("user-forgets");
        var second = await replicas.ModuleAsync("user-forgets");
        await rig.ConnectAsync(first, tier: 3);
        Assert.True((await first.ChatAsync(MultiAgent, Hello, cancellationToken: Ct)).Ok);
        Assert.Contains(MultiAgent, ChatIds(await second.ModelsAsync(cancellationToken: Ct)));

        Assert.True((await second.LogoutAsync(Ct)).Ok);
        await rig.ConnectAsync(second, tier: 3);

        Assert.DoesNotContain(MultiAgent, ChatIds(await first.ModelsAsync(force: true, Ct)));
    }

    [Fact]
    public async Task AForgottenUser_LeavesNoRow_OfItsCompletedSignInsNorOfItsModelAccess()
    {
        await using var rig = await Rig.StartAsync(new EmulatorOptions { MultiAgentForEveryTier = true });
        await using var replicas = await PostgresReplicas.StartAsync(server, rig);
        var module = await replicas.ModuleAsync("user-forgotten");
        await rig.ConnectAsync(module, tier: 3);
        Assert.True((await module.ChatAsync(MultiAgent, Hello, cancellationToken: Ct)).Ok);
        Assert.Contains("grok_completed_sign_ins (user-forgotten,", await PostgresReplicaTests.DumpAsync(replicas.ConnectionString));
        Assert.Contains("grok_model_access (user-forgotten,", await PostgresReplicaTests.DumpAsync(replicas.ConnectionString));

        await using var dataSource = NpgsqlDataSource.Create(replicas.ConnectionString);
        var store = await GrokPostgreSqlStore.OpenAsync(dataSource, replicas.Keys, Ct);
        await store.ForgetAsync("user-forgotten", Ct);

        Assert.DoesNotContain("user-forgotten", await PostgresReplicaTests.DumpAsync(replicas.ConnectionString));
    }

    private static string[] ChatIds(SkillResult result)
    {
        Assert.True(result.Ok, result.ToJson());
        return [.. ((IEnumerable<object?>)result["models"]!).Cast<SkillResult>().Select(model => (string)model["id"]!)];
    }
}
