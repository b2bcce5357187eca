using XaiGrok.Onboarding.Tests.Fixtures;
using XaiGrok.Onboarding.Tiers;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Tiers;

public sealed class AccessTokenClaimsTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("4", 4L)]
    [InlineData("7", 7L)]
    [InlineData("8", 8L)]
    [InlineData("-1", -1L)]
    [InlineData("99999999999", 99999999999L)]
    public void Read_NumericTier_IsReportedRaw(string rawTier, long expected)
    {
        var claims = AccessTokenClaims.Read(UnsignedJwt.Create($$"""{"sub":"user-1","tier":{{rawTier}}}"""));

        Assert.Equal(expected, claims.Tier);
    }

    [Theory]
    [InlineData("\"4\"")]
    [InlineData("\"premium\"")]
    [InlineData("4.5")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("{\"level\":4}")]
    public void Read_TierThatIsNotAJsonInteger_IsNull(string rawTier)
    {
        var claims = AccessTokenClaims.Read(UnsignedJwt.Create($$"""{"sub":"user-1","tier":{{rawTier}}}"""));

        Assert.Null(claims.Tier);
        Assert.Equal(TierTable.Unknown, TierTable.SubscriptionFor(claims.Tier));
    }

    [Theory]
    [InlineData("[4]")]
    [InlineData("[5,4]")]
    [InlineData("[]")]
    public void Read_TierAsJsonArray_IsNull(string rawTier) =>
        Assert.Null(AccessTokenClaims.Read(UnsignedJwt.Create($$"""{"sub":"user-1","tier":{{rawTier}}}""")).Tier);

    [Fact]
    public void Read_NoTierClaim_IsNull() =>
        Assert.Null(AccessTokenClaims.Read(UnsignedJwt.Create("""{"sub":"user-1"}""")).Tier);

    [Fact]
    public void Read_RealisticToken_GivesTierExpirySubjectAndEmail()
    {
        var claims = AccessTokenClaims.Read(UnsignedJwt.Create("""{"iss":"https://auth.x.ai","sub":"user-1234","email":"person@example.com","tier":4,"exp":1767225600,"iat":1767204000}"""));

        Assert.Equal(4, claims.Tier);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767225600), claims.ExpiresAt);
        Assert.Equal("user-1234", claims.Subject);
        Assert.Equal("person@example.com", claims.Email);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("253402300800")]
    [InlineData("\"tomorrow\"")]
    public void Read_ExpOutOfRangeOrNotANumber_IsNull(string rawExp) =>
        Assert.Null(AccessTokenClaims.Read(UnsignedJwt.Create($$"""{"tier":1,"exp":{{rawExp}}}""")).ExpiresAt);

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("\"a\\nb\"")]
    [InlineData("\"admin\\u202Enimda\"")]
    public void Read_UnusableSubject_IsNull(string rawSub) =>
        Assert.Null(AccessTokenClaims.Read(UnsignedJwt.Create($$"""{"sub":{{rawSub}},"tier":1}""")).Subject);

    [Fact]
    public void Read_SubjectLongerThan256_IsNull() =>
        Assert.Null(AccessTokenClaims.Read(UnsignedJwt.Create($$"""{"sub":"{{new string('s', 257)}}"}""")).Subject);

    [Fact]
    public void Read_AlgNoneToken_IsStillReadBecauseClaimsAreNotValidatedHere()
    {
        var token = UnsignedJwt.Create("""{"sub":"user-1","tier":3,"exp":1767225600}""", UnsignedJwt.NoneHeader, signature: "");

        var claims = AccessTokenClaims.Read(token);

        Assert.Equal(3, claims.Tier);
        Assert.Equal("user-1", claims.Subject);
    }

    public static TheoryData<string> NotReadable => new()
    {
        "",
        "   ",
        "not-a-jwt",
        "opaque_access_token_1234567890",
        "header.payload",
        "a.b.c.d",
        "a.b.c.d.e.f",
        "!!!.###.$$$",
        "....",
        UnsignedJwt.Encode("hello") + "." + UnsignedJwt.Encode("world") + ".c2ln",
        UnsignedJwt.Encode("{\"alg\":\"none\"}") + "." + UnsignedJwt.Encode("[1,2,3]") + ".c2ln",
        UnsignedJwt.Encode("{\"alg\":\"none\"}") + "." + UnsignedJwt.Encode("{\"tier\":") + ".c2ln",
        UnsignedJwt.Encode("{\"alg\":\"none\"}") + ".%%%%." + "c2ln",
        "." + UnsignedJwt.Encode("{\"tier\":4}") + ".",
    };

    [Theory]
    [MemberData(nameof(NotReadable))]
    public void Read_NotAReadableJwt_IsNoneWithoutThrowing(string token) =>
        Assert.Equal(AccessTokenClaims.None, AccessTokenClaims.Read(token));

    [Fact]
    public void Read_TokenOver64KiB_IsNone()
    {
        var payload = $$"""{"tier":4,"sub":"user-1","pad":"{{new string('p', 70 * 1024)}}"}""";

        Assert.Equal(AccessTokenClaims.None, AccessTokenClaims.Read(UnsignedJwt.Create(payload)));
    }

    [Fact]
    public void Read_TokenJustUnder64KiB_IsRead()
    {
        var payload = $$"""{"tier":4,"pad":"{{new string('p', 40 * 1024)}}"}""";

        Assert.Equal(4, AccessTokenClaims.Read(UnsignedJwt.Create(payload)).Tier);
    }
}
