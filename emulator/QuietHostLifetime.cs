namespace XaiGrok.Emulator;

/// <summary>Keeps the in-process host from taking over Ctrl-C and SIGTERM: whoever started the emulator stops it.</summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
