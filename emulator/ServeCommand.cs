using System.Globalization;
using System.Runtime.InteropServices;

namespace XaiGrok.Emulator;

/// <summary>
/// `serve [--port N]`: run until Ctrl-C or SIGTERM, after printing the variables a client needs, among them a fresh
/// state folder (removed on the way out) so that trying the CLI by hand never reads or writes the person's own
/// ~/.xai-grok.
/// </summary>
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

        // Created 0700, as the module requires of its state folder.
        var home = Directory.CreateTempSubdirectory("xai-grok-emulator-");
        try
        {
            await using var emulator = await XaiEmulator.StartAsync(new EmulatorOptions { Port = port, ExpectedClientId = ClientId });

            // The client id stays last: scripts (bench/run.sh) wait for that line before they source the rest.
            Console.WriteLine(ShellExport.Line("XAI_OAUTH_ISSUER", emulator.Issuer));
            Console.WriteLine(ShellExport.Line("XAI_API_BASE_URL", emulator.ApiBaseUrl));
            Console.WriteLine(ShellExport.Line("XAI_GROK_HOME", home.FullName));
            Console.WriteLine(ShellExport.Line("XAI_OAUTH_CLIENT_ID", ClientId));
            await Console.Out.FlushAsync();
            await Console.Error.WriteLineAsync(
                $"Emulator on {emulator.Issuer}: paste the export lines above into the shell that runs the CLI. XAI_GROK_HOME is a fresh folder, removed when the emulator stops (Ctrl-C); approve codes at {emulator.Issuer}{EmulatorPaths.Verification}.");
            await stopped.Task;
            return 0;
        }
        finally
        {
            try
            {
                home.Delete(recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: a leftover temp folder holds only the emulator's own test tokens.
            }
        }

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
