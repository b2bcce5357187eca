using System.Diagnostics;
using System.Net.Http.Json;
using XaiGrok.Emulator;

namespace XaiGrok.Onboarding.Bench.Platform;

/// <summary>
/// The emulator in a child process (this bench, mode <c>emulator</c>): what this process then measures, CPU time and
/// allocated bytes, is the client's alone. Controlled over its HTTP control API (<c>/_emulator/*</c>).
/// </summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly HttpClient control = new();

    private EmulatorProcess(Process process, string issuer)
    {
        this.process = process;
        Issuer = issuer;
    }

    public string Issuer { get; }

    public string ApiBaseUrl => Issuer + "/v1";

    public static async Task<EmulatorProcess> StartAsync()
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (!Environment.ProcessPath!.EndsWith("XaiGrok.Onboarding.Bench", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(EmulatorProcess).Assembly.Location);
        }

        start.ArgumentList.Add("emulator");
        var process = Process.Start(start)!;
        var issuer = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the emulator process did not start.");
        return new EmulatorProcess(process, issuer);
    }

    /// <summary>Mode <c>emulator</c>: serves until stdin closes; the first line out is the issuer.</summary>
    public static async Task<int> ServeAsync()
    {
        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { PollIntervalSeconds = 1 });
        Console.WriteLine(emulator.Issuer);
        await Console.In.ReadToEndAsync();
        return 0;
    }

    public async Task ApproveAsync(string userCode, int tier = 4)
    {
        using var answer = await control.PostAsJsonAsync(Issuer + "/_emulator/approve", new Dictionary<string, object> { ["user_code"] = userCode, ["tier"] = tier });
        answer.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        control.Dispose();
        process.StandardInput.Close();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
        }

        process.Dispose();
        await Task.CompletedTask;
    }
}
