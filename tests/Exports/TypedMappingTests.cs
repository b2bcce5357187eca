using Microsoft.Extensions.Time.Testing;
using System.Collections;
using XaiGrok.Onboarding.Config;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.DeviceGrant;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Lanes;
using XaiGrok.Onboarding.Media;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Secrets;
using XaiGrok.Onboarding.Session;
using XaiGrok.Onboarding.SignIn;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Exports;

/// <summary>
/// The dictionaries <see cref="Exports"/> and the CLI print are now made from the typed results: for every engine
/// outcome, engine → typed record → dictionary gives exactly what the mapper gave before the typed results
/// (<see cref="LegacyResultMapper"/>, frozen): the same keys in the same order, the same values of the same types.
/// </summary>
public sealed class TypedMappingTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly FakeTimeProvider Clock = new(Now);
    private static readonly SecretRegistry NoSecrets = new();

    private static readonly ModelList Offered = ModelCatalog.Offer(
        ModelCatalog.Build(["grok-4.3", "grok-code-fast-1", "grok-imagine-image", "grok-imagine-video"], Now.AddMinutes(-3)),
        XaiGrok.Onboarding.Tiers.TierTable.HighestTier,
        ModelAccessFacts.None);

    private static readonly (string Name, Failure Failure)[] Failures =
    [
        ("bare", new Failure(ErrorCodes.InvalidResponse, "bad")),
        ("with hint", new Failure(ErrorCodes.Forbidden, "refused", "do this")),
        (
            "every field",
            new Failure(ErrorCodes.OAuthError, "refused", "retry")
            {
                RetryAfterSeconds = 12,
                ServerError = "invalid_scope",
                AvailableModels = ["xai-grok/grok-4.3"],
                SignInUrl = "https://idp.example/sign-in",
                ProviderMessages = ["line one", "line two"],
            }),
        ("empty provider messages", new Failure(ErrorCodes.NotConnected, "none") { ProviderMessages = [] }),
    ];

    [Fact]
    public void Fail_GivesTheOldDictionary()
    {
        foreach (var (name, failure) in Failures)
        {
            AssertSame(LegacyResultMapper.Fail(failure), ResultMapper.Fail(GrokFailure.From(failure)), name);
        }
    }

    [Fact]
    public void Started_GivesTheOldDictionary() =>
        AssertSame(LegacyResultMapper.Started(Flow("p-1"), Clock), ResultMapper.Started(GrokSignInStarted.From(Flow("p-1"), Clock)));

    private static readonly (string Name, PollResult Poll, string? Selected)[] Polls =
    [
        ("pending", new PollResult { Connected = false, Flow = Flow("p-1"), RetryAfterSeconds = 5 }, null),
        ("pending, slowed", new PollResult { Connected = false, Flow = Flow("p-1"), RetryAfterSeconds = 10, Notice = "slow_down: the wait grew by 5 s." }, null),
        ("connected", new PollResult { Connected = true, Credential = Credential(4) }, null),
        ("connected, unknown tier", new PollResult { Connected = true, Credential = Credential(null) }, "grok-4.3"),
        ("connected with models, one chosen", new PollResult { Connected = true, Credential = Credential(5), Models = new ModelsView(Offered, false) }, "grok-code-fast-1"),
        ("connected, models failed", new PollResult { Connected = true, Credential = Credential(5), ModelsProblem = new Failure(ErrorCodes.NetworkError, "unreachable", "later") }, null),
    ];

    [Fact]
    public void Polled_GivesTheOldDictionary()
    {
        foreach (var (name, poll, selected) in Polls)
        {
            AssertSame(LegacyResultMapper.Polled(poll, selected, Clock), ResultMapper.Polled(GrokSignInProgress.From(poll, selected, Clock, NoSecrets)), name);
        }
    }

    private static readonly (string Name, StatusReport Report)[] Reports =
    [
        ("nothing", new StatusReport(null, null, [], null, null)),
        ("nothing, a sign-in waiting", new StatusReport(null, null, [Flow("p-1"), Flow("p-2")], null, null)),
        ("api key", new StatusReport(null, null, [], Offered, null) { ApiKeyActive = true, SignInMethod = CredentialSources.Oidc }),
        ("connected", new StatusReport(Credential(5), Credential(5), [], null, null)),
        ("connected, models cached, one chosen", new StatusReport(Credential(5), Credential(5), [], Offered, null) { SelectedModel = "grok-code-fast-1" }),
        (
            "stored, refused",
            new StatusReport(null, Credential(2) with { ReauthReason = "invalid_grant" }, [Flow("p-1")], Offered, new Failure(ErrorCodes.ReauthRequired, "refused", Hints.LoginAgain))
            {
                Skipped = ["external auth provider was skipped: it exited 1"],
                SignInUrl = "https://idp.example/sign-in",
            }),
        ("stored, problem without hint", new StatusReport(null, Credential(1), [], null, new Failure(ErrorCodes.ReauthRequired, "refused"))),
    ];

    [Fact]
    public void Status_GivesTheOldDictionary()
    {
        foreach (var (name, report) in Reports)
        {
            using var home = new TestHome();
            var options = new OnboardingOptions { Home = home.Path };
            var keys = new ModelKeys(new StatePaths(home.Path), _ => null);

            AssertSame(
                LegacyResultMapper.Status(report, Clock, options.ConfigFile, LegacySettingsResult.For(options, keys)),
                ResultMapper.Status(GrokStatus.From(report, Clock, options, keys, NoSecrets)),
                name);
        }
    }

    [Fact]
    public void Status_WithSettings_GivesTheOldDictionary()
    {
        using var home = new TestHome();
        Directory.CreateDirectory(home.Path);
        File.WriteAllText(Path.Combine(home.Path, "config.json"), """{"models": {"grok-old": {"api_key": "k1"}, "grok-both": {"env_key": "BOTH_KEY"}}}""");
        var options = new OnboardingOptions
        {
            Home = home.Path,
            ConfigFile = Path.Combine(home.Path, "config.toml"),
            SettingSources = new Dictionary<string, SettingSource>
            {
                [ConfigTomlKeys.StatusNames[0]] = new(SettingSource.Variable, "XAI_API_BASE_URL"),
                [ConfigTomlKeys.StatusNames[1]] = new(SettingSource.File, Line: 7),
                [ConfigTomlKeys.StatusNames[^1]] = new(SettingSource.File),
            },
            ConfigModelKeys = new Dictionary<string, ConfigModelKey>
            {
                ["grok-both"] = new(new ModelKeyEntry { ApiKey = "k2" }, 12),
                ["grok-env"] = new(new ModelKeyEntry { EnvKey = "ENV_KEY" }, 15),
            },
        };
        var keys = new ModelKeys(new StatePaths(home.Path), _ => null, options.ConfigModelKeys);
        var report = new StatusReport(Credential(5), Credential(5), [], Offered, null);

        var old = LegacyResultMapper.Status(report, Clock, options.ConfigFile, LegacySettingsResult.For(options, keys));

        Assert.Contains("note", ((SkillResult)((SkillResult)old["settings"]!)["model.grok-both"]!).Keys);
        AssertSame(old, ResultMapper.Status(GrokStatus.From(report, Clock, options, keys, NoSecrets)));
    }

    [Fact]
    public void ConnectedAfterABrowserSignIn_GivesTheOldDictionary()
    {
        AssertSame(LegacyResultMapper.LoggedIn(Credential(4), null), ResultMapper.Connected(GrokConnection.From(Credential(4), null)));
        AssertSame(LegacyResultMapper.LoggedIn(Credential(4), "grok-code-fast-1"), ResultMapper.Connected(GrokConnection.From(Credential(4), "grok-code-fast-1")));
    }

    [Fact]
    public void Refreshed_GivesTheOldDictionary() =>
        AssertSame(LegacyResultMapper.Refreshed(Credential(3)), ResultMapper.Refreshed(GrokRefreshed.From(Credential(3))));

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, CredentialSources.OAuth)]
    public void Models_GivesTheOldDictionary(bool cached, string? source)
    {
        var view = new ModelsView(Offered, cached);
        var credential = source is null ? null : Credential(5);
        AssertSame(LegacyResultMapper.Models(view, credential), ResultMapper.Models(GrokModels.From(view, credential?.Source)));
    }

    [Theory]
    [InlineData(true, 2, "revoked", null)]
    [InlineData(false, 0, "failed", "the revocation endpoint answered 500.")]
    public void LoggedOut_GivesTheOldDictionary(bool removed, int flows, string revocation, string? detail)
    {
        var report = new LogoutReport(removed, flows, revocation, detail);
        AssertSame(LegacyResultMapper.LoggedOut(report), ResultMapper.LoggedOut(GrokLogout.From(report, NoSecrets)));
    }

    private static readonly (string Name, ChatAnswer Answer, bool FailedOver)[] Answers =
    [
        ("bare", new ChatAnswer("xai-grok/grok-4.3", Lane.ChatCompletions, "hello", null, null), false),
        ("usage, failed over", new ChatAnswer("xai-grok/grok-4.20-multi-agent-0309", Lane.Responses, "hi", "stop", new ChatUsage(10, 20, null)), true),
    ];

    [Fact]
    public void Chatted_GivesTheOldDictionary()
    {
        foreach (var (name, answer, failedOver) in Answers)
        {
            AssertSame(LegacyResultMapper.Chatted(answer, failedOver), ResultMapper.Chatted(GrokChatAnswer.From(answer, failedOver, NoSecrets)), name);
        }
    }

    [Fact]
    public void ChatFailed_GivesTheOldDictionary()
    {
        var failure = new Failure(ErrorCodes.StreamInterrupted, "cut", "again");
        var partial = new ChatAnswer("xai-grok/grok-4.3", Lane.ChatCompletions, "half an ans", null, null);

        AssertSame(LegacyResultMapper.ChatFailed(failure, null), ResultMapper.ChatFailed(GrokFailure.From(failure), null));
        AssertSame(LegacyResultMapper.ChatFailed(failure, partial), ResultMapper.ChatFailed(GrokFailure.From(failure), GrokChatAnswer.From(partial, false, NoSecrets)));
    }

    [Fact]
    public void ModelChosen_GivesTheOldDictionary()
    {
        var choice = new ModelChoice(Offered.Chat[^1]);
        AssertSame(LegacyResultMapper.ModelChosen(choice), ResultMapper.ModelChosen(GrokModelChoice.From(choice)));
    }

    [Fact]
    public void ImagesGenerated_GivesTheOldDictionary()
    {
        var images = new GeneratedImages("grok-imagine-image", ["media/a.png", "media/b.png"]);
        AssertSame(LegacyResultMapper.ImagesGenerated(images), ResultMapper.ImagesGenerated(GrokImages.From(images)));
    }

    private static readonly (string Name, VideoPoll Poll)[] Videos =
    [
        ("pending", new VideoPoll(Video(null), 30)),
        ("done, downloaded now", new VideoPoll(Video("media/v.mp4"), 0, 1234)),
        ("done before", new VideoPoll(Video("media/v.mp4"), 0)),
    ];

    [Fact]
    public void Video_GivesTheOldDictionary()
    {
        foreach (var (name, poll) in Videos)
        {
            AssertSame(LegacyResultMapper.Video(poll), ResultMapper.Video(GrokVideo.From(poll)), name);
        }
    }

    /// <summary>Same keys in the same order, and values equal and of the same type, all the way down.</summary>
    private static void AssertSame(object? expected, object? actual, string path = "$")
    {
        switch (expected)
        {
            case IEnumerable<KeyValuePair<string, object?>> map:
                var other = Assert.IsAssignableFrom<IEnumerable<KeyValuePair<string, object?>>>(actual);
                Assert.Equal(map.Select(pair => pair.Key), other.Select(pair => pair.Key));
                foreach (var ((key, value), (_, otherValue)) in map.Zip(other))
                {
                    AssertSame(value, otherValue, $"{path}.{key}");
                }

                break;
            case IEnumerable items when expected is not string:
                var otherItems = Assert.IsAssignableFrom<IEnumerable>(actual).Cast<object?>().ToList();
                var list = items.Cast<object?>().ToList();
                Assert.True(list.Count == otherItems.Count, $"{path}: {list.Count} items before, {otherItems.Count} now");
                for (var i = 0; i < list.Count; i++)
                {
                    AssertSame(list[i], otherItems[i], $"{path}[{i}]");
                }

                break;
            default:
                Assert.True(Equals(expected?.GetType(), actual?.GetType()), $"{path}: {expected?.GetType().Name ?? "null"} before, {actual?.GetType().Name ?? "null"} now");
                Assert.True(Equals(expected, actual), $"{path}: {expected} before, {actual} now");
                break;
        }
    }

    private static Credential Credential(long? tier) => new()
    {
        Source = CredentialSources.OAuth,
        AccessToken = "at-not-shown",
        RefreshToken = "rt-not-shown",
        ExpiresAt = Now.AddHours(6),
        ObtainedAt = Now,
        Tier = tier,
        Subject = "user-1",
    };

    private static PendingFlow Flow(string id) => new()
    {
        PendingId = id,
        Issuer = "https://auth.x.ai",
        ClientId = "client",
        TokenEndpoint = "https://auth.x.ai/oauth2/token",
        DeviceCode = "dc-not-shown",
        UserCode = "WDJB-MJHT",
        VerificationUri = "https://accounts.x.ai/device",
        VerificationUriComplete = "https://accounts.x.ai/device?user_code=WDJB-MJHT",
        CreatedAt = Now,
        ExpiresAt = Now.AddMinutes(15).AddSeconds(30.5),
        IntervalSeconds = 5,
        NextPollAt = Now.AddSeconds(5),
    };

    private static VideoRequest Video(string? file) => new()
    {
        RequestId = "vid-1",
        Model = "grok-imagine-video",
        CreatedAt = Now,
        NextPollAt = Now.AddSeconds(30),
        Status = file is null ? VideoRequest.Pending : VideoRequest.Done,
        File = file,
    };
}
