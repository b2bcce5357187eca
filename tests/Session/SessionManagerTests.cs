using Microsoft.Extensions.Time.Testing;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Session;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Tests.Support;
using XaiGrok.Onboarding.Tokens;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Session;

/// <summary>
/// When the session manager hands out the stored credential as it is, and when it refuses, without a request: its
/// token endpoint here fails the test if it is ever asked for (the refreshes themselves are in
/// <see cref="SessionRefreshTests"/>).
/// </summary>
public sealed class SessionManagerTests : IDisposable
{
    private static readonly TimeSpan Early = TimeSpan.FromMinutes(5);
    private readonly TestHome home = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly CredentialStore store;
    private readonly SessionManager session;
    private int requests;

    public SessionManagerTests()
    {
        StateDirectory.Open(home.Path);
        store = new CredentialStore(new StatePaths(home.Path), clock, TimeSpan.FromSeconds(5));
        session = new SessionManager(store, () =>
        {
            Interlocked.Increment(ref requests);
            throw new InvalidOperationException("no token request was expected");
        }, clock, Early);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => home.Dispose();

    [Fact]
    public async Task GetUsable_NothingStored_IsNotConnected()
    {
        var usable = await session.GetUsableAsync(Ct);

        Assert.Equal(ErrorCodes.NotConnected, usable.Failure!.Code);
        Assert.Same(SessionManager.NoSession, usable.Failure);
    }

    [Fact]
    public async Task GetUsable_FreshCredential_IsHandedOutAsStored()
    {
        store.Write(Stored(lifetime: TimeSpan.FromHours(1)));

        var usable = await session.GetUsableAsync(Ct);

        Assert.Equal("canary-access-fresh", usable.Value!.AccessToken);
        Assert.Equal(0, requests);
    }

    [Fact]
    public async Task GetUsable_MarkedForReauth_IsRefusedWithoutARefresh()
    {
        store.Write(Stored(lifetime: TimeSpan.FromHours(1)) with { ReauthReason = "refresh refused: invalid_grant" });

        var usable = await session.GetUsableAsync(Ct);

        Assert.Equal(ErrorCodes.ReauthRequired, usable.Failure!.Code);
        Assert.Contains("invalid_grant", usable.Failure.Detail, StringComparison.Ordinal);
        Assert.Equal(0, requests);
    }

    [Fact]
    public async Task GetUsable_InsideTheEarlyWindow_WithoutRefreshToken_SaysItCannotBeRefreshed()
    {
        store.Write(Stored(lifetime: Early - TimeSpan.FromMinutes(1)) with { RefreshToken = null });

        var usable = await session.GetUsableAsync(Ct);

        Assert.Equal(ErrorCodes.ReauthRequired, usable.Failure!.Code);
        Assert.Contains("stays usable until it expires", usable.Failure.Detail, StringComparison.Ordinal);
        Assert.Equal(0, requests);
    }

    [Fact]
    public async Task GetUsable_Expired_WithoutRefreshToken_NeedsANewSignIn()
    {
        store.Write(Stored(lifetime: TimeSpan.FromMinutes(10)) with { RefreshToken = null });
        clock.Advance(TimeSpan.FromMinutes(10));

        var usable = await session.GetUsableAsync(Ct);

        Assert.Equal(ErrorCodes.ReauthRequired, usable.Failure!.Code);
        Assert.Contains("expired", usable.Failure.Detail, StringComparison.Ordinal);
        Assert.Equal(0, requests);
    }

    [Fact]
    public async Task Refresh_ASiblingAlreadyRefreshed_AdoptsItsTokenWithoutARequest()
    {
        var seen = Stored(lifetime: TimeSpan.FromMinutes(1));
        store.Write(Stored(lifetime: TimeSpan.FromMinutes(3)) with { AccessToken = "canary-access-sibling" });

        var refreshed = await session.RefreshAsync(seen, force: true, Ct);

        Assert.Equal("canary-access-sibling", refreshed.Value!.AccessToken);
        Assert.Equal(0, requests);
    }

    [Fact]
    public async Task Refresh_Cancelled_BeforeItStarts_SendsNothing()
    {
        store.Write(Stored(lifetime: TimeSpan.FromMinutes(1)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.RefreshAsync(null, force: true, new CancellationToken(canceled: true)));
        Assert.Equal(0, requests);
        Assert.True(session.WaitForExchange(TimeSpan.Zero));
    }

    [Fact]
    public void FromTokens_AnswerWithoutRefreshToken_KeepsTheOldOne()
    {
        var template = Stored(lifetime: TimeSpan.FromMinutes(1)) with { ReauthReason = "old" };

        var next = session.FromTokens(new TokenResponse("canary-access-new", null, null, 3600, null), template);

        Assert.Equal("canary-access-new", next.AccessToken);
        Assert.Equal("canary-refresh-fresh", next.RefreshToken);
        Assert.Equal(clock.GetUtcNow().AddHours(1), next.ExpiresAt);
        Assert.Equal(clock.GetUtcNow(), next.ObtainedAt);
        Assert.Null(next.ReauthReason);
    }

    private Credential Stored(TimeSpan lifetime) => new()
    {
        Source = CredentialSources.OAuth,
        AccessToken = "canary-access-fresh",
        RefreshToken = "canary-refresh-fresh",
        ExpiresAt = clock.GetUtcNow() + lifetime,
        ObtainedAt = clock.GetUtcNow(),
        ClientId = "test-client",
        TokenEndpoint = "http://127.0.0.1:9/oauth2/token",
    };
}
