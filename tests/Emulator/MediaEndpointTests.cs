using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Emulator;

/// <summary>The emulator's image and video endpoints: gated like chat, deterministic bytes, video pending then done, and the test's levers.</summary>
public sealed class MediaEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Images_ImageModel_AnswersNCopiesOfThePng()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        var token = EmulatorHttp.Text(await http.SignInAsync(tier: 5), "access_token");

        var (status, body) = await PostJsonAsync(http, "/v1/images/generations", token, new JsonObject { ["model"] = "grok-imagine-image", ["prompt"] = "a fox", ["n"] = 3, ["response_format"] = "b64_json" });

        Assert.Equal(HttpStatusCode.OK, status);
        var data = body["data"]!.AsArray();
        Assert.Equal(3, data.Count);
        Assert.All(data, item => Assert.Equal(EmulatorMedia.Png, Convert.FromBase64String(item!["b64_json"]!.GetValue<string>())));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], EmulatorMedia.Png[..4]);
    }

    [Theory]
    [InlineData(null, "grok-imagine-image", 1, HttpStatusCode.Unauthorized)]
    [InlineData("token", "grok-4.3", 1, HttpStatusCode.BadRequest)]
    [InlineData("token", "grok-imagine-video", 1, HttpStatusCode.BadRequest)]
    [InlineData("token", "grok-imagine-unknown", 1, HttpStatusCode.NotFound)]
    [InlineData("token", "grok-imagine-image", 0, HttpStatusCode.BadRequest)]
    [InlineData("token", "grok-imagine-image", 11, HttpStatusCode.BadRequest)]
    public async Task Images_Refusals_AreApiErrors(string? bearer, string model, int n, HttpStatusCode expected)
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        var token = bearer is null ? null : EmulatorHttp.Text(await http.SignInAsync(tier: 5), "access_token");

        var (status, body) = await PostJsonAsync(http, "/v1/images/generations", token, new JsonObject { ["model"] = model, ["prompt"] = "a fox", ["n"] = n });

        Assert.Equal(expected, status);
        Assert.NotNull(body["code"]);
    }

    [Fact]
    public async Task Videos_PendingForTheConfiguredPolls_ThenDoneWithAnMp4OnTheEmulator()
    {
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { VideoPendingPolls = 2, VideoRetryAfterSeconds = 3 }, Ct);
        using var http = new EmulatorHttp(emulator);
        var token = EmulatorHttp.Text(await http.SignInAsync(tier: 5), "access_token");

        var (startStatus, started) = await PostJsonAsync(http, "/v1/videos/generations", token, new JsonObject
        {
            ["model"] = "grok-imagine-video", ["prompt"] = "a fox", ["duration"] = 8, ["aspect_ratio"] = "16:9", ["resolution"] = "720p",
        });
        var id = EmulatorHttp.Text(started, "request_id");
        var first = await http.GetJsonAsync($"/v1/videos/{id}", token);
        var second = await http.GetJsonAsync($"/v1/videos/{id}", token);
        var third = await http.GetJsonAsync($"/v1/videos/{id}", token);
        var url = new Uri(third.Body["video"]!["url"]!.GetValue<string>());
        using var file = await http.Client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.OK, startStatus);
        Assert.Equal(id, emulator.Control.LatestVideoRequestId);
        Assert.Equal(["pending", "pending", "done"], new[] { first, second, third }.Select(answer => EmulatorHttp.Text(answer.Body, "status")));
        Assert.Equal(emulator.Issuer, url.GetLeftPart(UriPartial.Authority));
        Assert.Equal("video/mp4", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal(EmulatorMedia.Mp4, await file.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(0, emulator.Control.VideoDownloadsWithAuthorization);
    }

    [Fact]
    public async Task Videos_RenderSeconds_CountOnTheEmulatorsClock()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock, VideoPendingPolls = 0, VideoRenderSeconds = 30 }, Ct);
        using var http = new EmulatorHttp(emulator);
        var token = EmulatorHttp.Text(await http.SignInAsync(tier: 5), "access_token");
        var (_, started) = await PostJsonAsync(http, "/v1/videos/generations", token, new JsonObject { ["model"] = "grok-imagine-video", ["prompt"] = "a fox" });
        var id = EmulatorHttp.Text(started, "request_id");

        var early = await http.GetJsonAsync($"/v1/videos/{id}", token);
        clock.Advance(TimeSpan.FromSeconds(30));
        var later = await http.GetJsonAsync($"/v1/videos/{id}", token);

        Assert.Equal("pending", EmulatorHttp.Text(early.Body, "status"));
        Assert.Equal("done", EmulatorHttp.Text(later.Body, "status"));
    }

    [Theory]
    [InlineData("failed")]
    [InlineData("expired")]
    public async Task Videos_EndedByTheTest_AnswerThatStatus(string ending)
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        var token = EmulatorHttp.Text(await http.SignInAsync(tier: 5), "access_token");
        var (_, started) = await PostJsonAsync(http, "/v1/videos/generations", token, new JsonObject { ["model"] = "grok-imagine-video", ["prompt"] = "a fox" });
        var id = EmulatorHttp.Text(started, "request_id");

        using var ended = await http.Client.PostAsJsonAsync("/_emulator/video-end", new JsonObject { ["request_id"] = id, ["status"] = ending }, Ct);
        var answer = await http.GetJsonAsync($"/v1/videos/{id}", token);
        var unknown = await http.GetJsonAsync("/v1/videos/no-such-request", token);

        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal(ending, EmulatorHttp.Text(answer.Body, "status"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Throws<ArgumentException>(() => emulator.Control.EndVideo(id, "done"));
    }

    [Fact]
    public async Task Videos_UrlOrigin_PointsTheLinkElsewhere_AndTheFileHostCountsAuthorizationHeaders()
    {
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { VideoPendingPolls = 0 }, Ct);
        await using var host = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        var token = EmulatorHttp.Text(await http.SignInAsync(tier: 5), "access_token");
        using var origin = await http.Client.PostAsJsonAsync("/_emulator/video-url-origin", new JsonObject { ["origin"] = host.Issuer }, Ct);
        var (_, started) = await PostJsonAsync(http, "/v1/videos/generations", token, new JsonObject { ["model"] = "grok-imagine-video", ["prompt"] = "a fox" });

        var done = await http.GetJsonAsync($"/v1/videos/{EmulatorHttp.Text(started, "request_id")}", token);
        var url = new Uri(done.Body["video"]!["url"]!.GetValue<string>());
        using var withHeader = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "anything") } };
        using var fetched = await http.Client.SendAsync(withHeader, Ct);

        Assert.Equal(HttpStatusCode.NoContent, origin.StatusCode);
        Assert.Equal(host.Issuer, url.GetLeftPart(UriPartial.Authority));
        Assert.Equal(EmulatorMedia.Mp4, await fetched.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(1, host.Control.VideoDownloadsWithAuthorization);
        Assert.Equal(0, emulator.Control.VideoDownloadsWithAuthorization);
    }

    [Fact]
    public async Task MediaEndpoints_TakeInjectedFaults()
    {
        await using var emulator = await XaiEmulator.StartAsync(ct: Ct);
        using var http = new EmulatorHttp(emulator);
        var token = EmulatorHttp.Text(await http.SignInAsync(tier: 5), "access_token");
        emulator.Control.AddFault(new EmulatorFault("/v1/images/generations") { Status = 503 });
        emulator.Control.AddFault(new EmulatorFault("/v1/videos/") { Status = 429, RetryAfter = "7" });

        var (imageStatus, image) = await PostJsonAsync(http, "/v1/images/generations", token, new JsonObject { ["model"] = "grok-imagine-image", ["prompt"] = "a fox" });
        var (videoStatus, _) = await PostJsonAsync(http, "/v1/videos/generations", token, new JsonObject { ["model"] = "grok-imagine-video", ["prompt"] = "a fox" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, imageStatus);
        Assert.Equal("unavailable", EmulatorHttp.Text(image, "code"));
        Assert.Equal(HttpStatusCode.TooManyRequests, videoStatus);
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostJsonAsync(EmulatorHttp http, string path, string? bearer, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await http.Client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? []);
    }
}
