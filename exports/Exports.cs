namespace XaiGrok.Onboarding;

/// <summary>
/// The agent-facing calls, configured from environment variables. Each returns a <see cref="SkillResult"/> and never
/// throws for an expected failure. The synchronous forms suit script blocks; hosts prefer the async ones.
/// </summary>
public static class Exports
{
    private static readonly Lazy<GrokOnboarding> Shared = new(() =>
    {
        // A script's or the CLI's person reads stderr: the external provider's lines go there as they arrive.
        var module = new GrokOnboarding(OnboardingOptions.FromEnvironment() with { OnProviderMessage = ProviderEcho.To(Console.Error) });

        // A script or the CLI never disposes this instance; at exit the console logger must still flush its queue.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => module.Dispose();
        return module;
    });

    /// <summary>The instance behind these calls (options from the environment, read once per process).</summary>
    public static GrokOnboarding Instance => Shared.Value;

    /// <summary>Current credential state, tier, cached models and waiting sign-ins.</summary>
    public static SkillResult Status() => StatusAsync().GetAwaiter().GetResult();

    /// <summary>Starts the device sign-in: show <c>verification_url_with_code</c> to the person.</summary>
    public static SkillResult Start() => StartAsync().GetAwaiter().GetResult();

    /// <summary>Polls the sign-in once, after the person says they approved.</summary>
    public static SkillResult Poll(string? pendingId = null) => PollAsync(pendingId).GetAwaiter().GetResult();

    /// <summary>Deletes the local session and revokes it when possible.</summary>
    public static SkillResult Logout() => LogoutAsync().GetAwaiter().GetResult();

    /// <summary>Refreshes the access token now (normally automatic).</summary>
    public static SkillResult Refresh() => RefreshAsync().GetAwaiter().GetResult();

    /// <summary>The models the subscription unlocks; <paramref name="force"/> bypasses the cache.</summary>
    public static SkillResult Models(bool force = false) => ModelsAsync(force).GetAwaiter().GetResult();

    /// <summary>Chats with <paramref name="model"/> (null: the selected model) on the lane it needs.</summary>
    public static SkillResult Chat(string? model, IReadOnlyList<ChatMessage> messages, Thinking? thinking = null) =>
        ChatAsync(model, messages, thinking).GetAwaiter().GetResult();

    /// <summary>Makes <paramref name="model"/> the default for chat (what <c>/model xai-grok/...</c> does).</summary>
    public static SkillResult UseModel(string model) => UseModelAsync(model).GetAwaiter().GetResult();

    /// <inheritdoc cref="Chat"/>
    public static Task<SkillResult> ChatAsync(string? model, IReadOnlyList<ChatMessage> messages, Thinking? thinking = null, CancellationToken cancellationToken = default) =>
        Instance.ChatAsync(model, messages, thinking, cancellationToken);

    /// <summary>Chats with streaming: text pieces, then one final item with the result.</summary>
    public static IAsyncEnumerable<ChatStreamUpdate> ChatStreamAsync(string? model, IReadOnlyList<ChatMessage> messages, Thinking? thinking = null, CancellationToken cancellationToken = default) =>
        Instance.ChatStreamAsync(model, messages, thinking, cancellationToken);

    /// <inheritdoc cref="UseModel"/>
    public static Task<SkillResult> UseModelAsync(string model, CancellationToken cancellationToken = default) => Instance.UseModelAsync(model, cancellationToken);

    /// <summary>Generates images from <paramref name="prompt"/> and writes them to files; the result lists their paths.</summary>
    public static SkillResult Image(string prompt, string? model = null, int n = 1, string? outPath = null) =>
        ImageAsync(prompt, model, n, outPath).GetAwaiter().GetResult();

    /// <inheritdoc cref="Image"/>
    public static Task<SkillResult> ImageAsync(string prompt, string? model = null, int n = 1, string? outPath = null, CancellationToken cancellationToken = default) =>
        Instance.ImageAsync(prompt, model, n, outPath, cancellationToken: cancellationToken);

    /// <summary>Asks for a video; poll its <c>request_id</c> with <see cref="VideoPoll"/>, from this process or another.</summary>
    public static SkillResult VideoStart(string prompt, string? model = null) => VideoStartAsync(prompt, model).GetAwaiter().GetResult();

    /// <inheritdoc cref="VideoStart"/>
    public static Task<SkillResult> VideoStartAsync(string prompt, string? model = null, CancellationToken cancellationToken = default) =>
        Instance.VideoStartAsync(prompt, model, cancellationToken: cancellationToken);

    /// <summary>Polls a video once (the newest when <paramref name="requestId"/> is null); downloads it when done.</summary>
    public static SkillResult VideoPoll(string? requestId = null, string? outPath = null) => VideoPollAsync(requestId, outPath).GetAwaiter().GetResult();

    /// <inheritdoc cref="VideoPoll"/>
    public static Task<SkillResult> VideoPollAsync(string? requestId = null, string? outPath = null, CancellationToken cancellationToken = default) =>
        Instance.VideoPollAsync(requestId, outPath, cancellationToken);

    /// <summary>
    /// Signs in through the company's identity provider (<c>GROK_OIDC_ISSUER</c>, <c>GROK_OIDC_CLIENT_ID</c>);
    /// <paramref name="openBrowser"/> receives the URL to open or show.
    /// </summary>
    public static Task<SkillResult> LoginOidcAsync(Func<Uri, Task> openBrowser, CancellationToken cancellationToken = default) =>
        Instance.LoginOidcAsync(openBrowser, cancellationToken);

    /// <summary>
    /// Signs in through xAI OAuth in the browser (<c>XAI_OAUTH_CLIENT_ID</c>; <c>XAI_OAUTH_REDIRECT_PORT</c> for a
    /// fixed redirect port); <paramref name="openBrowser"/> receives the URL to open or show.
    /// </summary>
    public static Task<SkillResult> LoginOAuthAsync(Func<Uri, Task> openBrowser, CancellationToken cancellationToken = default) =>
        Instance.LoginOAuthAsync(openBrowser, cancellationToken);

    /// <inheritdoc cref="Status"/>
    public static Task<SkillResult> StatusAsync(CancellationToken cancellationToken = default) => Instance.StatusAsync(cancellationToken);

    /// <inheritdoc cref="Start"/>
    public static Task<SkillResult> StartAsync(CancellationToken cancellationToken = default) => Instance.StartAsync(cancellationToken);

    /// <inheritdoc cref="Poll"/>
    public static Task<SkillResult> PollAsync(string? pendingId = null, CancellationToken cancellationToken = default) => Instance.PollAsync(pendingId, cancellationToken);

    /// <inheritdoc cref="Logout"/>
    public static Task<SkillResult> LogoutAsync(CancellationToken cancellationToken = default) => Instance.LogoutAsync(cancellationToken);

    /// <inheritdoc cref="Refresh"/>
    public static Task<SkillResult> RefreshAsync(CancellationToken cancellationToken = default) => Instance.RefreshAsync(cancellationToken);

    /// <inheritdoc cref="Models"/>
    public static Task<SkillResult> ModelsAsync(bool force = false, CancellationToken cancellationToken = default) => Instance.ModelsAsync(force, cancellationToken);
}
