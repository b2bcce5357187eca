namespace XaiGrok.Emulator;

/// <summary>
/// Holds one answer at a chosen point so a test can act while the client waits: the request has been processed (a
/// refresh token rotated, a device code redeemed) and its answer is kept until <see cref="Release"/>. With
/// <see cref="SendHeadersFirst"/> the status and headers go out first and only the body is held.
/// </summary>
public sealed class EmulatorHold
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public EmulatorHold(bool sendHeadersFirst = false) => SendHeadersFirst = sendHeadersFirst;

    public bool SendHeadersFirst { get; }

    /// <summary>Completes when the request was processed and its answer (or its body) is being held.</summary>
    public Task Reached => reached.Task;

    /// <summary>Sends the held answer (to a client that has gone, nothing arrives).</summary>
    public void Release() => released.TrySetResult();

    internal Task Released => released.Task;

    internal void MarkReached() => reached.TrySetResult();
}
