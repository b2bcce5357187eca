using System.Globalization;
using System.Runtime.InteropServices;

namespace XaiGrok.Emulator;

/// <summary>`serve [--port N]`: run until Ctrl-C, after printing the variables a client needs.</summary>
internal static class ServeCommand
{
    public const string ClientId = "emulator-client";

    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParsePort(args, out var port))
        {
            await Console.Error.WriteLineAsync("usage: emulator serve [--port N]");
            return 2;
        }

        var stopped = new TaskCompletionSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { Port = port, ExpectedClientId = ClientId });
        Console.WriteLine($"XAI_OAUTH_ISSUER={emulator.Issuer}");
        Console.WriteLine($"XAI_API_BASE_URL={emulator.ApiBaseUrl}");
        Console.WriteLine($"XAI_OAUTH_CLIENT_ID={ClientId}");
        await Console.Out.FlushAsync();
        await stopped.Task;
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopped.TrySetResult();
        }
    }

    private static bool TryParsePort(string[] args, out int port)
    {
        port = 0;
        return args switch
        {
            [] => true,
            ["--port", var value] => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535,
            _ => false,
        };
    }
}
