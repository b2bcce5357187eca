using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using XaiGrok.Emulator;

namespace XaiGrok.Onboarding.Bench;

/// <summary>
/// The emulator in this process, an account connected through the real device flow, and two ways to send the same
/// chat: through the module (<see cref="GrokOnboarding.ChatAsync"/>) and as a bare HttpClient POST of the body the
/// module sent, with the same bearer token, on a keep-alive connection of its own.
/// </summary>
internal sealed class ChatRig : IAsyncDisposable
{
    public const string Model = "xai-grok/grok-4.3";
    public static readonly ChatMessage[] Messages = [ChatMessage.User("Say hello in five words.")];

    private readonly XaiEmulator emulator;
    private readonly string home;
    private readonly HttpClient bare;
    private readonly Uri endpoint;
    private readonly byte[] body;

    private ChatRig(XaiEmulator emulator, string home, GrokOnboarding module, HttpClient bare, Uri endpoint, byte[] body)
    {
        this.emulator = emulator;
        this.home = home;
        Module = module;
        this.bare = bare;
        this.endpoint = endpoint;
        this.body = body;
    }

    public GrokOnboarding Module { get; }

    /// <summary>The credential store over the rig's state folder: what the module reads before every request.</summary>
    public Credentials.CredentialStore Store => new(new Storage.StatePaths(home), TimeProvider.System, TimeSpan.FromSeconds(30));

    public static async Task<ChatRig> StartAsync()
    {
        var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { PollIntervalSeconds = 1 });
        var home = Path.Combine(Path.GetTempPath(), "xai-grok-bench-" + Guid.NewGuid().ToString("N"));
        var module = new GrokOnboarding(new OnboardingOptions
        {
            Issuer = new Uri(emulator.Issuer),
            ClientId = "bench-client",
            ApiBaseUrl = new Uri(emulator.ApiBaseUrl),
            Home = home,
        });

        var started = await module.StartAsync();
        Require(started);
        emulator.Control.Approve((string)started["user_code"]!, 4);
        var polled = await module.PollUntilCompleteAsync(TimeSpan.FromSeconds(30));
        Require(polled);
        if (!Equals(polled["status"], "connected"))
        {
            throw new InvalidOperationException("the sign-in did not connect: " + polled.ToJson());
        }

        // One chat through the module gives the exact body it sends; the bare client sends those bytes.
        Require(await module.ChatAsync(Model, Messages));
        var sent = emulator.Control.LastRequestBody("/v1/chat/completions") ?? throw new InvalidOperationException("the emulator saw no chat body.");
        using var auth = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(home, "auth.json")));
        var token = auth.RootElement.GetProperty("access_token").GetString()!;

        // A host signs in once and chats for hours: let the state files settle as they would, so the module serves
        // them from memory (UnchangedFileCache re-reads a file changed in the last few seconds on every call).
        await Task.Delay(global::XaiGrok.Onboarding.Caching.UnchangedFileCache<object>.SettleTime + TimeSpan.FromSeconds(1));

        var bare = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, UseCookies = false });
        bare.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        bare.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        return new ChatRig(emulator, home, module, bare, new Uri(emulator.ApiBaseUrl + "/chat/completions"), Encoding.UTF8.GetBytes(sent));
    }

    /// <summary>The module's whole call: token from the state folder, lane, request, answer parsed into a result.</summary>
    public async Task<SkillResult> ModuleChatAsync()
    {
        var result = await Module.ChatAsync(Model, Messages);
        return result.Ok ? result : throw new InvalidOperationException(result.ToJson());
    }

    /// <summary>The same request as <see cref="BareChatAsync"/>, for senders other than the bare client.</summary>
    public HttpRequestMessage NewRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = bare.DefaultRequestHeaders.Authorization;
        return request;
    }

    /// <summary>The floor: POST the same bytes, read the answer as a string.</summary>
    public async Task<string> BareChatAsync()
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await bare.PostAsync(endpoint, content);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        bare.Dispose();
        Module.Dispose();
        await emulator.DisposeAsync();
        if (Directory.Exists(home))
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static void Require(SkillResult result)
    {
        if (!result.Ok)
        {
            throw new InvalidOperationException(result.ToJson());
        }
    }
}
