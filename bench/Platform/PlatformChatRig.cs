using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace XaiGrok.Onboarding.Bench.Platform;

/// <summary>
/// One platform user connected through the device flow against the emulator in a child process, and two ways to
/// chat: <c>GrokPlatform.ForUser(id).ChatAsync</c>, and a bare <see cref="HttpClient"/> that builds the same request
/// with System.Text.Json (<see cref="Utf8JsonWriter"/>), sends it with the user's bearer, and parses the same answer
/// (content, model, finish reason, usage) with <see cref="JsonDocument"/>.
/// </summary>
internal sealed class PlatformChatRig : IAsyncDisposable
{
    public const string UserId = "bench-user@example.com";
    public const string Model = "xai-grok/grok-4.3";
    public static readonly ChatMessage[] Messages = [ChatMessage.User("Say hello in five words.")];

    private readonly EmulatorProcess emulator;
    private readonly string root;
    private readonly HttpClient bare;
    private readonly Uri endpoint;

    private PlatformChatRig(EmulatorProcess emulator, string root, GrokPlatform platform, HttpClient bare)
    {
        this.emulator = emulator;
        this.root = root;
        Platform = platform;
        this.bare = bare;
        endpoint = new Uri(emulator.ApiBaseUrl + "/chat/completions");
    }

    public GrokPlatform Platform { get; }

    public static async Task<PlatformChatRig> StartAsync()
    {
        var emulator = await EmulatorProcess.StartAsync();
        var root = Path.Combine(Path.GetTempPath(), "xai-grok-bench-platform-" + Guid.NewGuid().ToString("N"));
        var platform = new GrokPlatform(new GrokPlatformOptions
        {
            Issuer = new Uri(emulator.Issuer),
            ClientId = "bench-client",
            ApiBaseUrl = new Uri(emulator.ApiBaseUrl),
            StateRoot = root,
        });
        await Connect.UsersAsync(platform, [UserId], code => emulator.ApproveAsync(code));
        Connect.Require(await platform.ForUser(UserId).ChatAsync(Model, Messages));

        using var auth = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(root, Onboarding.Platform.PlatformUserId.FolderName(UserId), "auth.json")));
        var token = auth.RootElement.GetProperty("access_token").GetString()!;

        // A host signs in once and chats for hours: let the state files settle as they would (a file changed in the
        // last few seconds is read again on every call, see UnchangedFileCache).
        await Task.Delay(Onboarding.Caching.UnchangedFileCache<object>.SettleTime + TimeSpan.FromSeconds(1));

        var bare = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, UseCookies = false, AllowAutoRedirect = false });
        bare.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        bare.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        return new PlatformChatRig(emulator, root, platform, bare);
    }

    /// <summary>The platform's whole call for one user: user found, folder checked, bearer, lane, request, answer, result.</summary>
    public async Task<SkillResult> PlatformChatAsync() => Connect.Require(await Platform.ForUser(UserId).ChatAsync(Model, Messages));

    /// <summary>The floor: the same body written with Utf8JsonWriter, POSTed with the bearer, the answer parsed.</summary>
    public async Task<(string Content, string Model, string? Finish, long Prompt, long Completion)> BareChatAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", "grok-4.3");
            writer.WriteStartArray("messages");
            foreach (var message in Messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", message.Role);
                writer.WriteString("content", message.Content);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        using var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await bare.PostAsync(endpoint, content);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var answer = await JsonDocument.ParseAsync(stream);
        var root = answer.RootElement;
        var choice = root.GetProperty("choices")[0];
        var usage = root.GetProperty("usage");
        return (choice.GetProperty("message").GetProperty("content").GetString()!, root.GetProperty("model").GetString()!,
            choice.TryGetProperty("finish_reason", out var finish) ? finish.GetString() : null,
            usage.GetProperty("prompt_tokens").GetInt64(), usage.GetProperty("completion_tokens").GetInt64());
    }

    public async ValueTask DisposeAsync()
    {
        bare.Dispose();
        Platform.Dispose();
        await emulator.DisposeAsync();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
