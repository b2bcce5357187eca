using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Platform;
using XaiGrok.Onboarding.Runtime;

namespace XaiGrok.Onboarding;

/// <summary>
/// The module for a platform that serves many people from one process: <see cref="ForUser"/> hands out a person's
/// session by the platform's own user id, and every user shares one HTTP stack (one connection pool capped at
/// <see cref="GrokPlatformOptions.MaxConnectionsPerServer"/>, one set of retry pipelines, one discovery document per
/// issuer and TTL, the host's logger factory). Each user's session lives in the <see cref="GrokPlatformOptions.Store"/>
/// (by default a 0700 folder of their own under <see cref="GrokPlatformOptions.StateRoot"/>; with the PostgreSQL store, a
/// database every replica shares); the in-memory part of an idle user is dropped and rebuilt from the store on their
/// next call. Nothing is read from the process environment. Safe to share between threads; one per process.
/// </summary>
public sealed class GrokPlatform : IDisposable
{
    /// <summary>
    /// The user a request is sent for, on a client with <c>AddXaiGrokAuthentication</c>:
    /// <c>request.Options.Set(GrokPlatform.UserIdOption, userId)</c>. It wins over the client's resolver.
    /// </summary>
    public static readonly HttpRequestOptionsKey<string> UserIdOption = new("XaiGrok.Onboarding.UserId");

    private readonly PlatformStack stack;
    private readonly UserRuntimes users;
    private readonly TimeProvider clock;
    private readonly IReadOnlyList<Config.InvalidSetting> problems;
    private readonly string root;
    private readonly GrokUserStore store;

    /// <summary>Creates the platform with its options, clock (default: the system's) and logger factory (default: none).</summary>
    public GrokPlatform(GrokPlatformOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : this(options, timeProvider ?? TimeProvider.System, loggerFactory, limits: null)
    {
    }

    internal GrokPlatform(GrokPlatformOptions options, TimeProvider clock, ILoggerFactory? loggerFactory, HttpLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        this.clock = clock;
        problems = [.. options.InvalidSettings, .. Check(options)];
        root = options.StateRoot is { Length: > 0 } given ? Path.GetFullPath(given) : "";
        var maxConnections = options.MaxConnectionsPerServer >= 1 ? options.MaxConnectionsPerServer : new GrokPlatformOptions().MaxConnectionsPerServer;
        var idle = options.IdleTimeout > TimeSpan.Zero ? options.IdleTimeout : new GrokPlatformOptions().IdleTimeout;
        store = options.Store ?? new FileUserStore(root);
        stack = new PlatformStack(limits ?? new HttpLimits(), maxConnections, options.DiscoveryTtl, loggerFactory ?? NullLoggerFactory.Instance, root.Length > 0 ? root : ".", clock);
        users = new UserRuntimes(Build, clock, idle);
    }

    /// <summary>The options in force.</summary>
    public GrokPlatformOptions Options { get; }

    /// <summary>How many users have their state in memory now (the others are in their folders only).</summary>
    public int UsersInMemory => users.Count;

    /// <summary>
    /// The session of the platform's user <paramref name="userId"/>: the same calls as a single person's
    /// <see cref="GrokOnboarding"/>, over the shared stack and the user's own folder. Cheap: call it per request rather
    /// than keeping the instance; disposing it does nothing (the platform owns the user's state).
    /// </summary>
    /// <exception cref="ArgumentException">The id is empty, longer than 256 characters, <c>.</c> or <c>..</c>, or holds a
    /// path separator, a control, format or line-separator character (see <see cref="IsValidUserId"/>).</exception>
    public GrokOnboarding ForUser(string userId) => new(RuntimeFor(userId), ownsRuntime: false);

    /// <summary>
    /// The same user's calls with typed results (<see cref="GrokResult{T}"/>: a record, or one <see cref="GrokFailure"/>)
    /// instead of dictionaries. Cheap: call it per request.
    /// </summary>
    /// <exception cref="ArgumentException">The id is not one <see cref="ForUser"/> takes (see <see cref="IsValidUserId"/>).</exception>
    public GrokSession SessionFor(string userId) => new(RuntimeFor(userId));

    /// <summary>Whether <paramref name="userId"/> is an id <see cref="ForUser"/> takes.</summary>
    public static bool IsValidUserId(string? userId) => PlatformUserId.Problem(userId) is null;

    /// <summary>
    /// The users with a stored session (from the store, not from memory: every process that shares the store sees the
    /// same), each with the
    /// xAI account it is linked to: <c>{ok, users: [{user_id, source, subject, email, tier, subscription, expires_at,
    /// needs_reauth}]}</c>. Two users with one <c>subject</c> are one xAI account.
    /// </summary>
    public async Task<SkillResult> ListUsersAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Config.InvalidSetting.FailureFor(problems) is { } misconfigured)
        {
            return ResultMapper.Fail(misconfigured);
        }

        try
        {
            return ResultMapper.Users(await store.ListLinkedUsersAsync(clock, Options.LockTimeout, cancellationToken).ConfigureAwait(false), clock);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Storage.StorageException)
        {
            return ResultMapper.Fail(new Failure(ErrorCodes.CredentialStoreError, $"the users could not be listed: {e.Message}", $"Check {store.Describe()}, then try again."));
        }
    }

    /// <summary>
    /// Ends one user's session: revokes the refresh token at the issuer when it advertises revocation and removes the
    /// session, waiting sign-ins and caches, as <see cref="GrokOnboarding.LogoutAsync"/> does; then the user's folder
    /// itself (its lock files and the file naming the user) and what the store still keeps of the user, so nothing of the
    /// user stays behind.
    /// </summary>
    /// <exception cref="ArgumentException">The id is not valid (see <see cref="ForUser"/>).</exception>
    public async Task<SkillResult> RevokeAsync(string userId, CancellationToken cancellationToken = default)
    {
        var result = await ForUser(userId).LogoutAsync(cancellationToken).ConfigureAwait(false);
        users.Forget(userId);
        if (result.Ok)
        {
            UserFolder.Remove(UserFolder.PathFor(root, userId));
            try
            {
                await store.ForgetAsync(userId, cancellationToken).ConfigureAwait(false);
            }
            catch (Storage.StorageException e)
            {
                // The session is gone (revoked, deleted); what is left is the user's model list or choice.
                return ResultMapper.Fail(new Failure(ErrorCodes.CredentialStoreError, $"the session was removed, but not all of the user's data: {e.Message}", $"Check {store.Describe()}, then revoke again."));
            }
        }

        return result;
    }

    /// <summary>
    /// An authenticating handler over the shared pool that finds its user per request: <see cref="UserIdOption"/> on the
    /// request, else <paramref name="resolveUser"/>. A request with neither is refused (401, <c>invalid_request</c>),
    /// never sent with anybody's token.
    /// </summary>
    public XaiGrokAuthenticationHandler CreateHttpHandler(Func<HttpRequestMessage, string?>? resolveUser = null) =>
        new(request => RuntimeForRequest(request, resolveUser), () => GrokOnboarding.Transport(stack.HttpLog, clock, stack));

    /// <summary>The one place a user's runtime is built or found: every per-user entry point goes through here.</summary>
    internal OnboardingRuntime RuntimeFor(string userId)
    {
        if (PlatformUserId.Problem(userId) is { } problem)
        {
            throw new ArgumentException($"{char.ToUpperInvariant(problem[0])}{problem[1..]}: a platform user id must be 1 to {PlatformUserId.MaxLength} characters, not \".\" or \"..\", without path separators or control, format or line-separator characters.", nameof(userId));
        }

        return users.For(userId);
    }

    internal Outcome<OnboardingRuntime> RuntimeForRequest(HttpRequestMessage request, Func<HttpRequestMessage, string?>? resolveUser)
    {
        var userId = request.Options.TryGetValue(UserIdOption, out var named) ? named : resolveUser?.Invoke(request);
        if (userId is null)
        {
            return new Failure(ErrorCodes.InvalidRequest, "no platform user was named for this request, so it was not sent.", "Set GrokPlatform.UserIdOption on the request, or give AddXaiGrokAuthentication a resolver that finds the user.");
        }

        return PlatformUserId.Problem(userId) is { } problem
            ? new Failure(ErrorCodes.InvalidRequest, problem + ", so the request was not sent.", "Pass the platform's own user id (see GrokPlatform.IsValidUserId).")
            : users.For(userId);
    }

    /// <summary>Drops the users idle for the idle timeout now (the platform also does it on its clock); returns how many.</summary>
    internal int EvictIdleUsers() => users.Sweep();

    internal PlatformStack Stack => stack;

    /// <inheritdoc/>
    public void Dispose()
    {
        users.Dispose();
        stack.Dispose();
    }

    private OnboardingRuntime Build(string userId) => new(
        new OnboardingOptions
        {
            Issuer = Options.Issuer,
            ClientId = Options.ClientId,
            Scopes = Options.Scopes,
            ApiBaseUrl = Options.ApiBaseUrl,
            Home = root.Length > 0 ? UserFolder.PathFor(root, userId) : "",
            EarlyRefresh = TimeSpan.FromSeconds(Math.Max(0, Options.EarlyRefreshSeconds)),
            ModelsCacheTtl = Options.ModelsCacheTtl,
            LockTimeout = Options.LockTimeout,
            InvalidSettings = problems,
        },
        clock,
        stack,
        userId,
        store.ForUser(userId));

    private static IEnumerable<Config.InvalidSetting> Check(GrokPlatformOptions options)
    {
        if (options.StateRoot is not { Length: > 0 })
        {
            yield return PlatformConfigurationReader.Invalid("Grok:StateRoot", "is not set: the platform needs a root folder for its users' state");
        }

        if (options.MaxConnectionsPerServer < 1)
        {
            yield return PlatformConfigurationReader.Invalid("Grok:MaxConnectionsPerServer", "is less than 1");
        }

        if (options.EarlyRefreshSeconds < 0)
        {
            yield return PlatformConfigurationReader.Invalid("Grok:EarlyRefreshSeconds", "is negative");
        }

        if (options.IdleTimeout <= TimeSpan.Zero)
        {
            yield return PlatformConfigurationReader.Invalid("Grok:IdleTimeoutSeconds", "is not positive");
        }
    }
}
