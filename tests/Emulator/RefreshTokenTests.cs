using System.Net;
using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Emulator;

public sealed class RefreshTokenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refresh_RotatesTheRefreshTokenAndKeepsTheTier()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        var signIn = await http.SignInAsync(tier: 7);
        var firstRefresh = EmulatorHttp.Text(signIn, "refresh_token");

        var (status, refreshed) = await http.RefreshAsync(firstRefresh);

        Assert.Equal(HttpStatusCode.OK, status);
        var secondRefresh = EmulatorHttp.Text(refreshed, "refresh_token");
        Assert.True(secondRefresh != firstRefresh, "the refresh token must rotate");
        var claims = await JwtTestVerifier.VerifyAsync(http.Client, EmulatorHttp.Text(refreshed, "access_token"));
        Assert.Equal(7, claims["tier"]!.GetValue<int>());
        var (againStatus, _) = await http.RefreshAsync(secondRefresh);
        Assert.Equal(HttpStatusCode.OK, againStatus);
    }

    [Fact]
    public async Task Refresh_ReusingARotatedOutToken_RevokesTheWholeGrant()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        var signIn = await http.SignInAsync(tier: 1);
        var (_, rotated) = await http.RefreshAsync(EmulatorHttp.Text(signIn, "refresh_token"));
        var currentAccess = EmulatorHttp.Text(rotated, "access_token");
        Assert.Equal(HttpStatusCode.OK, (await http.GetJsonAsync("/v1/models", currentAccess)).Status);

        var (reuseStatus, reuse) = await http.RefreshAsync(EmulatorHttp.Text(signIn, "refresh_token"));
        var (_, current) = await http.RefreshAsync(EmulatorHttp.Text(rotated, "refresh_token"));
        var (modelsStatus, models) = await http.GetJsonAsync("/v1/models", currentAccess);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (reuseStatus, EmulatorHttp.Text(reuse, "error")));
        Assert.Equal(1, emulator.Control.RefreshTokenReuseCount);
        Assert.Equal("invalid_grant", EmulatorHttp.Text(current, "error"));
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthenticated"), (modelsStatus, EmulatorHttp.Text(models, "code")));
    }

    [Fact]
    public async Task RefreshesBySubject_ListsEachAnsweredRefreshOfTheAccount_NotARefusedReuse()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        var signIn = await http.SignInAsync(tier: 1);
        var subject = (await JwtTestVerifier.VerifyAsync(http.Client, EmulatorHttp.Text(signIn, "access_token")))["sub"]!.GetValue<string>();
        var (_, rotated) = await http.RefreshAsync(EmulatorHttp.Text(signIn, "refresh_token"));
        await http.RefreshAsync(EmulatorHttp.Text(rotated, "refresh_token"));

        await http.RefreshAsync(EmulatorHttp.Text(signIn, "refresh_token"));

        Assert.Equal(2, emulator.Control.RefreshesBySubject[subject].Count);
        Assert.Single(emulator.Control.RefreshesBySubject);
    }

    [Fact]
    public async Task Refresh_UnknownTokenOrOtherClient_AnswersInvalidGrant()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        var signIn = await http.SignInAsync(tier: 1);

        var (_, unknown) = await http.RefreshAsync("not-a-refresh-token");
        var (_, otherClient) = await http.RefreshAsync(EmulatorHttp.Text(signIn, "refresh_token"), "another-client");

        Assert.Equal("invalid_grant", EmulatorHttp.Text(unknown, "error"));
        Assert.Equal("invalid_grant", EmulatorHttp.Text(otherClient, "error"));
        Assert.Equal(0, emulator.Control.RefreshTokenReuseCount);
    }

    [Fact]
    public async Task Revoke_RefreshToken_RevokesItsGrantAndAnswers200ForAnything()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        var signIn = await http.SignInAsync(tier: 1);

        var (revokeStatus, _) = await http.PostFormAsync("/oauth2/revoke", ("token", EmulatorHttp.Text(signIn, "refresh_token")), ("token_type_hint", "refresh_token"), ("client_id", EmulatorHttp.ClientId));
        var (unknownStatus, _) = await http.PostFormAsync("/oauth2/revoke", ("token", "never-issued"), ("client_id", EmulatorHttp.ClientId));
        var (missingStatus, missing) = await http.PostFormAsync("/oauth2/revoke", ("client_id", EmulatorHttp.ClientId));
        var (_, refresh) = await http.RefreshAsync(EmulatorHttp.Text(signIn, "refresh_token"));
        var (modelsStatus, _) = await http.GetJsonAsync("/v1/models", EmulatorHttp.Text(signIn, "access_token"));

        Assert.Equal(HttpStatusCode.OK, revokeStatus);
        Assert.Equal(HttpStatusCode.OK, unknownStatus);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (missingStatus, EmulatorHttp.Text(missing, "error")));
        Assert.Equal("invalid_grant", EmulatorHttp.Text(refresh, "error"));
        Assert.Equal(HttpStatusCode.Unauthorized, modelsStatus);
    }

    [Fact]
    public async Task Revoke_AccessToken_StopsOnlyThatToken()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        var signIn = await http.SignInAsync(tier: 1);

        await http.PostFormAsync("/oauth2/revoke", ("token", EmulatorHttp.Text(signIn, "access_token")), ("client_id", EmulatorHttp.ClientId));
        var (modelsStatus, _) = await http.GetJsonAsync("/v1/models", EmulatorHttp.Text(signIn, "access_token"));
        var (refreshStatus, _) = await http.RefreshAsync(EmulatorHttp.Text(signIn, "refresh_token"));

        Assert.Equal(HttpStatusCode.Unauthorized, modelsStatus);
        Assert.Equal(HttpStatusCode.OK, refreshStatus);
    }
}
