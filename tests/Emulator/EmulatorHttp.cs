using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Emulator;

/// <summary>A plain HttpClient speaking to the emulator the way a client would.</summary>
internal sealed class EmulatorHttp(XaiEmulator emulator) : IDisposable
{
    public const string ClientId = "test-client";
    public const string DeviceGrant = "urn:ietf:params:oauth:grant-type:device_code";

    public HttpClient Client { get; } = new() { BaseAddress = emulator.BaseUrl };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<(HttpStatusCode Status, JsonObject Body)> PostFormAsync(string path, params (string Name, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        using var response = await Client.PostAsync(path, content, Ct);
        return (response.StatusCode, await ReadObjectAsync(response));
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> GetJsonAsync(string path, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await Client.SendAsync(request, Ct);
        return (response.StatusCode, await ReadObjectAsync(response));
    }

    public async Task<JsonObject> StartDeviceFlowAsync(string clientId = ClientId)
    {
        var (status, body) = await PostFormAsync("/oauth2/device/code", ("client_id", clientId), ("scope", "openid profile email offline_access api:access"));
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    public Task<(HttpStatusCode Status, JsonObject Body)> PollAsync(string deviceCode, string clientId = ClientId) =>
        PostFormAsync("/oauth2/token", ("grant_type", DeviceGrant), ("device_code", deviceCode), ("client_id", clientId));

    public Task<(HttpStatusCode Status, JsonObject Body)> RefreshAsync(string refreshToken, string clientId = ClientId) =>
        PostFormAsync("/oauth2/token", ("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", clientId));

    /// <summary>A whole device flow approved with <paramref name="tier"/>: the token response.</summary>
    public async Task<JsonObject> SignInAsync(int tier)
    {
        var flow = await StartDeviceFlowAsync();
        emulator.Control.Approve(Text(flow, "user_code"), tier);
        var (status, body) = await PollAsync(Text(flow, "device_code"));
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    public static string Text(JsonObject body, string name) => body[name]!.GetValue<string>();

    public void Dispose() => Client.Dispose();

    private static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? [];
    }
}
