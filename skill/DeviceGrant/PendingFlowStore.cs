using System.Security.Cryptography;
using System.Text.Json;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding.DeviceGrant;

/// <summary>
/// Pending flows on disk, one file each, written atomically. A file that does not parse, or a flow past its
/// expiry, is not offered to <c>poll</c>. The lock is <c>pending.lock</c>, taken with <c>flock</c>. Completed sign-ins
/// are <c>completed-sign-ins.json</c> (<see cref="CompletedSignIns"/>).
/// </summary>
internal sealed class PendingFlowStore(StatePaths paths, TimeProvider? clock = null, TimeSpan? lockTimeout = null) : IPendingFlowStore
{
    private readonly CompletedSignIns completed = new(paths);

    private static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(30);

    private const int MaxFileBytes = 64 * 1024;

    public static string NewPendingId() => "p-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static bool IsWellFormedId(string pendingId) =>
        pendingId.Length is > 2 and <= 64 && pendingId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    public async Task<IDisposable> LockAsync(CancellationToken cancellationToken) =>
        await CrossProcessLock.AcquireAsync(paths.PendingLock, lockTimeout ?? DefaultLockTimeout, clock ?? TimeProvider.System, cancellationToken).ConfigureAwait(false);

    public void Save(PendingFlow flow)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(PendingFlowFile.From(flow), StateJsonContext.Default.PendingFlowFile);
        AtomicFile.Write(paths.PendingFile(flow.PendingId), bytes);
    }

    public PendingFlow? Load(string pendingId)
    {
        if (!IsWellFormedId(pendingId))
        {
            return null;
        }

        var read = SafeFile.Read(paths.PendingFile(pendingId), MaxFileBytes);
        if (read.Status != ReadStatus.Ok || Protocol.JsonText.HasUndecodableEscape(read.Content))
        {
            return null;
        }

        try
        {
            var flow = JsonSerializer.Deserialize(read.Content, StateJsonContext.Default.PendingFlowFile)?.ToFlow();
            return flow?.PendingId == pendingId ? flow : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Every readable pending flow, newest first.</summary>
    public IReadOnlyList<PendingFlow> All()
    {
        if (!Directory.Exists(paths.Home))
        {
            return [];
        }

        var flows = new List<PendingFlow>();
        foreach (var file in Directory.EnumerateFiles(paths.Home, StatePaths.PendingPrefix + "*.json"))
        {
            var id = Path.GetFileNameWithoutExtension(file)[StatePaths.PendingPrefix.Length..];
            if (Load(id) is { } flow)
            {
                flows.Add(flow);
            }
        }

        return [.. flows.OrderByDescending(flow => flow.CreatedAt)];
    }

    public void Remove(string pendingId)
    {
        if (IsWellFormedId(pendingId))
        {
            SafeFile.Delete(paths.PendingFile(pendingId));
        }
    }

    public int RemoveAll()
    {
        if (!Directory.Exists(paths.Home))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(paths.Home, StatePaths.PendingPrefix + "*.json"))
        {
            SafeFile.Delete(file);
            removed++;
        }

        return removed;
    }

    public bool RecordCompleted(IReadOnlyCollection<string> pendingIds, DateTimeOffset now, DateTimeOffset keepUntil) =>
        completed.Record(pendingIds, now, keepUntil);

    public bool Completed(string? pendingId, DateTimeOffset now) => completed.Completed(pendingId, now);

    public void ClearCompleted() => completed.Clear();
}
