using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace XaiGrok.Emulator;

/// <summary>
/// `demo`: the whole onboarding, offline and visible. Starts the emulator, then runs the real CLI step by step, as an
/// agent would (status, start, the person approves, poll, status, models), printing each command and its JSON. The model
/// list is printed once, by `models`: `poll` and `status` carry the same list, shown there as a count.
/// </summary>
internal static class DemoCommand
{
    private const int DemoTier = 5;

    private static readonly string[] ModelLists = ["models", "media_models"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync()
    {
        var cli = FindCli();
        if (cli is null)
        {
            await Console.Error.WriteLineAsync("demo: the CLI is not built; run `dotnet build` at the repository root first.");
            return 1;
        }

        var home = Path.Combine(Path.GetTempPath(), "xai-grok-demo-" + Guid.NewGuid().ToString("N")[..8]);
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { ExpectedClientId = ServeCommand.ClientId, PollIntervalSeconds = 2 });
        var environment = new Dictionary<string, string>
        {
            ["XAI_OAUTH_ISSUER"] = emulator.Issuer,
            ["XAI_API_BASE_URL"] = emulator.ApiBaseUrl,
            ["XAI_OAUTH_CLIENT_ID"] = ServeCommand.ClientId,
            ["XAI_GROK_HOME"] = home,
        };

        try
        {
            Say($"The emulator plays auth.x.ai and api.x.ai at {emulator.Issuer}; state goes to {home}.");
            foreach (var (name, value) in environment)
            {
                Console.WriteLine($"  export {name}={value}");
            }

            Say("1. Before anything: not connected.");
            await RunAsync(cli, environment, "status");

            Say("2. The person asked to use their subscription, so the agent starts the device sign-in.");
            var started = await RunAsync(cli, environment, "start");
            var userCode = started.GetProperty("user_code").GetString()!;

            Say($"3. The person opens verification_url_with_code and approves (here: the emulator approves {userCode} as SuperGrok Heavy, tier {DemoTier}).");
            emulator.Control.Approve(userCode, DemoTier);

            var wait = started.GetProperty("interval_seconds").GetInt32();
            Say($"4. They say \"done\"; the agent polls (after the {wait} s interval the server asked for).");
            await Task.Delay(TimeSpan.FromSeconds(wait));
            await RunAsync(cli, environment, "poll", shortenModelLists: true);

            Say("5. Status now reads local state only: no request.");
            await RunAsync(cli, environment, "status", shortenModelLists: true);

            Say("6. Models come from the cache within XAI_MODELS_CACHE_TTL (poll and status above carry the same list; it is printed here once).");
            await RunAsync(cli, environment, "models");
            Say("Each model's lane says which xAI API serves it (chat_completions or responses). \"listed\": false marks a model that " +
                "xAI's /v1/models does not list but serves all the same (the multi-agent models, through the Responses API): use-model " +
                "and chat accept it, and whether the subscription covers it shows on the first call (forbidden if not). " +
                "media_models (grok-imagine-*) are image and video models: not for chat, so no lane.");

            Say("Requests the emulator served: " + string.Join(", ", emulator.Control.Counters.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}")));
            Say("Done. Against the real xAI, set XAI_OAUTH_CLIENT_ID to your platform's registered client and leave the other variables unset.");
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(home, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<JsonElement> RunAsync(string cli, Dictionary<string, string> environment, string verb, bool shortenModelLists = false)
    {
        Console.ForegroundColor = ConsoleColor.Cyan;
        Console.WriteLine($"$ xai-grok-onboarding {verb}");
        Console.ResetColor();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        start.ArgumentList.Add(verb);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the CLI");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Console.WriteLine(shortenModelLists ? Shortened(output) : output.TrimEnd());
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    /// <summary>The result with each model list replaced by its length: the full list is printed once, by `models`.</summary>
    private static string Shortened(string output)
    {
        var result = JsonNode.Parse(output)!.AsObject();
        foreach (var name in ModelLists)
        {
            if (result[name] is JsonArray list)
            {
                result[name] = $"({list.Count} entries: the same list `models` prints in step 6)";
            }
        }

        return result.ToJsonString(Indented);
    }

    private static void Say(string text)
    {
        Console.WriteLine();
        Console.ForegroundColor = ConsoleColor.Yellow;
        Console.WriteLine(text);
        Console.ResetColor();
    }

    // The emulator runs from emulator/bin/<cfg>/net10.0; the CLI is built to bin/<cfg>/net10.0 at the repository root.
    private static string? FindCli()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "xai-grok-onboarding.csproj")))
            {
                var dll = Path.Combine(folder.FullName, "bin", configuration, "net10.0", "xai-grok-onboarding.dll");
                return File.Exists(dll) ? dll : null;
            }
        }

        return null;
    }
}
