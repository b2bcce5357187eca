using System.Buffers.Text;
using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using XaiGrok.Onboarding.Oidc;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Oidc;

public sealed class PkceTests
{
    private static readonly FsCheck.Config Checks = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void ChallengeFor_Rfc7636AppendixB_MatchesTheExample() =>
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.ChallengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));

    [Fact]
    public void NewVerifier_Always_Has43UnreservedCharactersAndAnS256Challenge()
    {
        Prop.ForAll(Gen.Constant(0).ToArbitrary(), _ =>
        {
            var verifier = Pkce.NewVerifier();
            var challenge = Pkce.ChallengeFor(verifier);
            return verifier.Length == 43
                && Pkce.IsValidVerifier(verifier)
                && challenge.Length == 43
                && challenge == Base64Url.EncodeToString(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        }).Check(Checks);
    }

    [Fact]
    public void IsValidVerifier_AnyString_AcceptsOnly43To128Unreserved()
    {
        var unreserved = Gen.Elements("ABCXYZabcxyz0189-._~".ToCharArray());
        var any = Gen.Elements("Az9-._~ +/=%!\u00e9".ToCharArray());
        Prop.ForAll(Gen.OneOf(Gen.ArrayOf(unreserved), Gen.ArrayOf(any)).Select(c => new string(c)).ToArbitrary(), text =>
            Pkce.IsValidVerifier(text) == (text.Length is >= 43 and <= 128 && text.All(c => char.IsAsciiLetterOrDigit(c) || "-._~".Contains(c)))).Check(Checks);
    }

    [Fact]
    public void NewStateAndNonce_AreBase64UrlOf256BitsAndNeverRepeat()
    {
        var values = Enumerable.Range(0, 200).SelectMany(_ => new[] { Pkce.NewState(), Pkce.NewNonce() }).ToList();

        Assert.All(values, value => Assert.True(value.Length == 43 && Pkce.IsValidVerifier(value), "not 43 base64url characters"));
        Assert.Equal(values.Count, values.Distinct(StringComparer.Ordinal).Count());
    }
}
