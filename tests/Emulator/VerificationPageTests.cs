using System.Net;
using System.Text.RegularExpressions;
using XaiGrok.Emulator;
using XaiGrok.Onboarding.Tiers;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Emulator;

public sealed partial class VerificationPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VerificationPage_EncodesWhatItEchoes()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);

        var html = await http.Client.GetStringAsync(new Uri("/oauth2/device?user_code=%3Cscript%3E", UriKind.Relative), Ct);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("/oauth2/device/decision", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerificationPage_NamesEachTierAsTheModuleMapsIt()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);

        var html = await http.Client.GetStringAsync(new Uri("/oauth2/device?user_code=ABCD-EFGH", UriKind.Relative), Ct);
        var options = TierOption().Matches(html).Select(m => (Tier: int.Parse(m.Groups["tier"].Value, System.Globalization.CultureInfo.InvariantCulture), Text: WebUtility.HtmlDecode(m.Groups["text"].Value))).ToList();

        // Every tier the module knows, 0 (Free) to 7, each with its subscription's name, and no other.
        var expected = Enumerable.Range(0, 8).Select(t => (t, $"{t}: {TierTable.SubscriptionFor(t)}")).ToList();
        Assert.Equal(expected, options);
        Assert.Equal(TierTable.Unknown, TierTable.SubscriptionFor(expected.Count));
    }

    [Fact]
    public async Task VerificationDecision_ApprovesWithTheChosenTier()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        var flow = await http.StartDeviceFlowAsync();
        var typed = EmulatorHttp.Text(flow, "user_code").Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        using var form = new FormUrlEncodedContent([KeyValuePair.Create("user_code", typed), KeyValuePair.Create("decision", "approve"), KeyValuePair.Create("tier", "6")]);

        using var decision = await http.Client.PostAsync(new Uri("/oauth2/device/decision", UriKind.Relative), form, Ct);
        var (status, token) = await http.PollAsync(EmulatorHttp.Text(flow, "device_code"));

        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(6, (await JwtTestVerifier.VerifyAsync(http.Client, EmulatorHttp.Text(token, "access_token")))["tier"]!.GetValue<int>());
    }

    [GeneratedRegex("<option value=\"(?<tier>[0-9]+)\"(?: selected)?>(?<text>[^<]*)</option>")]
    private static partial Regex TierOption();
}
