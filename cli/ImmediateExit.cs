using System.Runtime.InteropServices;

namespace XaiGrok.Onboarding.Cli;

/// <summary>
/// Ends the process at once with an exit code, running nothing more: no exit handlers, no finalizers, no flush of a
/// logger that may be the very thing that is stuck. Only for a verb that ignored SIGTERM's cancellation; the state
/// folder is written by rename, so it stays consistent whenever the process ends.
/// </summary>
internal static partial class ImmediateExit
{
    public static void Now(int code)
    {
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                NativeExit(code);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // No libc by that name: the runtime's exit below still ends the process.
            }
        }

        Environment.Exit(code);
    }

    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void NativeExit(int code);
}
