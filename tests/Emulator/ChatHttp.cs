using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using XaiGrok.Emulator;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Emulator;

/// <summary>Chat calls against the emulator with a plain HttpClient, and a small SSE reader.</summary>
internal sealed class ChatHttp(XaiEmulator emulator) : IDisposable
{
    private readonly EmulatorHttp http = new(emulator);

    public HttpClient Client => http.Client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An access token from a device flow approved with <paramref name="tier"/>.</summary>
    public async Task<string> TokenAsync(int tier = 5) => EmulatorHttp.Text(await http.SignInAsync(tier), "access_token");

    public async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string path, string bearer, JsonObject body)
    {
        using var response = await SendAsync(path, bearer, body);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>Posts <paramref name="json"/> exactly as given (malformed bodies included) with a fresh tier-5 token.</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> PostRawAsync(string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync());
        using var response = await Client.SendAsync(request, Ct);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct)));
    }

    /// <summary>Sends and returns as soon as the headers are in, so a stream can be read event by event.</summary>
    public async Task<HttpResponseMessage> SendAsync(string path, string bearer, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
    }

    /// <summary>The events of a text/event-stream answer, and whether the stream failed before its end.</summary>
    public static async Task<(List<SseEvent> Events, bool Failed)> ReadEventsAsync(HttpResponseMessage response)
    {
        var events = new List<SseEvent>();
        string? name = null;
        string? data = null;
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
            while (await reader.ReadLineAsync(Ct) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data is not null)
                    {
                        events.Add(new SseEvent(name, data));
                    }

                    (name, data) = (null, null);
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line["data: ".Length..];
                }
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return (events, true);
        }

        return (events, false);
    }

    public void Dispose() => http.Dispose();
}
