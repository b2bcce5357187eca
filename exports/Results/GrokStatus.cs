using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Secrets;
using XaiGrok.Onboarding.Session;
using XaiGrok.Onboarding.Tiers;

namespace XaiGrok.Onboarding;

/// <summary>
/// The person's connection from local state (after an early refresh, if one was due): whether calls can be made,
/// with what, on which tier and model, waiting sign-ins, and what is wrong, if anything.
/// </summary>
/// <param name="Connected">True when chat and models calls have a credential: a session token, or the API key.</param>
/// <param name="Source">What serves the calls: <c>oauth</c>, <c>oidc</c>, <c>external_provider</c>, <c>api_key</c>, or <c>none</c>.</param>
/// <param name="SignInMethod">The sign-in that fills the session, the first configured of <c>external_provider</c>, <c>oidc</c>, <c>oauth</c>.</param>
public sealed record GrokStatus(bool Connected, string Source, string SignInMethod)
{
    /// <summary>The active session token's method; null while none is active (the API key included).</summary>
    public string? ActiveSignInMethod { get; init; }

    /// <summary>The access token's raw <c>tier</c> claim, when a session is stored and has one.</summary>
    public long? Tier { get; init; }

    /// <summary>The tier's name, or <c>unknown</c>; null when there is neither a session nor an API key.</summary>
    public string? Subscription { get; init; }

    /// <summary>When the stored session's access token expires.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Seconds until <see cref="ExpiresAt"/> (0 when past).</summary>
    public long? ExpiresInSeconds { get; init; }

    /// <summary>The linked xAI account's subject (a claim, not a secret), when the stored session names one: a platform sees two of its users linked to one account.</summary>
    public string? Subject { get; init; }

    /// <summary>The linked xAI account's email (a claim, not a secret), when the stored session names one.</summary>
    public string? Email { get; init; }

    /// <summary>While connected: the model chat uses when none is chosen (<c>xai-grok/grok-4.3</c>).</summary>
    public string? DefaultModelId { get; init; }

    /// <summary>While connected: the model chat uses now (chosen with use-model, else the default).</summary>
    public string? SelectedModel { get; init; }

    /// <summary>While connected: the cached model list, when there is one.</summary>
    public GrokModelList? Models { get; init; }

    /// <summary>Why higher credential sources were not used (e.g. the external provider failed).</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    /// <summary>The sign-in link an external provider printed, when it asked for one.</summary>
    public string? SignInUrl { get; init; }

    /// <summary>The <c>config.toml</c> read, if any.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Where each setting came from; null when the host built the options itself.</summary>
    public IReadOnlyList<GrokSetting>? Settings { get; init; }

    /// <summary>The device sign-ins still waiting.</summary>
    public IReadOnlyList<GrokPendingSignIn> Pending { get; init; } = [];

    /// <summary>What is wrong with the stored session, if anything (e.g. <c>reauth_required</c>).</summary>
    public GrokFailure? Problem { get; init; }

    /// <summary>What to do next when nothing is connected or waiting (and no <see cref="Problem"/> says more).</summary>
    public string? Hint { get; init; }

    internal static GrokStatus From(StatusReport report, TimeProvider clock, OnboardingOptions options, ModelKeys modelKeys, SecretRegistry secrets)
    {
        var credential = report.Usable ?? report.Stored;
        var connected = report.Usable is not null || report.ApiKeyActive;
        var session = report.ApiKeyActive ? null : credential;
        return new GrokStatus(connected, report.ApiKeyActive ? CredentialSources.ApiKey : credential?.Source ?? CredentialSources.None, report.SignInMethod)
        {
            ActiveSignInMethod = report.Usable?.Source,
            Tier = session?.Tier,
            Subscription = report.ApiKeyActive ? TierTable.Unknown : session is null ? null : TierTable.SubscriptionFor(session.Tier),
            ExpiresAt = session?.ExpiresAt,
            ExpiresInSeconds = session is null ? null : Seconds.Until(session.ExpiresAt, clock),
            Subject = session?.Subject,
            Email = session?.Email,
            DefaultModelId = connected ? ModelKinds.DefaultModelId : null,
            SelectedModel = connected ? GrokConnection.ChatModelFor(report.SelectedModel) : null,
            Models = connected && report.Models is { } models ? GrokModelList.From(models) : null,
            Skipped = report.Skipped.Select(secrets.Redact).ToArray(),
            SignInUrl = report.SignInUrl,
            ConfigFile = options.ConfigFile,
            Settings = GrokSetting.For(options, modelKeys),
            Pending = report.Pending.Select(flow => GrokPendingSignIn.From(flow, clock)).ToArray(),
            Problem = report.Problem is { } problem ? GrokFailure.From(problem, secrets) : null,
            Hint = report.Problem is null && !connected && report.Pending.Count == 0 ? Hints.Connect : null,
        };
    }
}
