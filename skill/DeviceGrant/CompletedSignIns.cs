using System.Text.Json;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.DeviceGrant;

/// <summary>
/// The file store's record (<c>completed-sign-ins.json</c>, see <see cref="Stores.IPendingFlowStore.RecordCompleted"/>)
/// of which pending flows ended in a connection, for a while. A poll is then idempotent: the nine processes that
/// lose the race to the one that redeemed the device code (RFC 8628 allows one redemption) find the flow completed and
/// answer <c>connected</c>, as does a repeated poll, without asking the token endpoint again. Read and written only
/// under the pending-flow lock, in the same hold that removes the flows.
/// </summary>
internal sealed class CompletedSignIns(StatePaths paths)
{
    /// <summary>How long a completion is remembered at least (longer when the flow itself would have lived longer).</summary>
    public static readonly TimeSpan KeptAtLeast = TimeSpan.FromMinutes(10);

    /// <summary>How many completions are kept per person, the newest: a person rarely has more than one or two sign-ins waiting.</summary>
    public const int MaxEntries = 32;
    private const int MaxFileBytes = 16 * 1024;

    /// <summary>Records that <paramref name="pendingIds"/> ended in a connection at <paramref name="now"/>.</summary>
    /// <returns>
    /// Whether it was recorded. Best effort: the session is already stored, so a full disk here must not turn the
    /// sign-in into a failure; a later poll then only finds no flow.
    /// </returns>
    public bool Record(IEnumerable<string> pendingIds, DateTimeOffset now, DateTimeOffset keepUntil)
    {
        var until = KeepUntil(now, keepUntil).ToUnixTimeMilliseconds();
        var added = pendingIds.Where(PendingFlowStore.IsWellFormedId).Distinct(StringComparer.Ordinal)
            .Select(id => new CompletedSignIn { PendingId = id, CompletedAt = now.ToUnixTimeMilliseconds(), KeepUntil = until });
        var kept = Live(now).Where(entry => !added.Any(fresh => fresh.PendingId == entry.PendingId));
        var file = new CompletedSignInsFile { Completed = [.. added.Concat(kept).Take(MaxEntries)] };
        try
        {
            AtomicFile.Write(paths.CompletedSignInsFile, JsonSerializer.SerializeToUtf8Bytes(file, StateJsonContext.Default.CompletedSignInsFile));
            return true;
        }
        catch (StorageException)
        {
            return false;
        }
    }

    /// <summary>When a completion recorded at <paramref name="now"/> for a flow that lived until <paramref name="keepUntil"/> is forgotten.</summary>
    public static DateTimeOffset KeepUntil(DateTimeOffset now, DateTimeOffset keepUntil) =>
        keepUntil > now + KeptAtLeast ? keepUntil : now + KeptAtLeast;

    /// <summary>Whether the flow <paramref name="pendingId"/> completed recently; without an id, whether any did.</summary>
    public bool Completed(string? pendingId, DateTimeOffset now) =>
        Live(now).Any(entry => pendingId is null || string.Equals(entry.PendingId, pendingId, StringComparison.Ordinal));

    /// <summary>Forgets every completion (logout: a later poll must not say connected).</summary>
    public void Clear() => SafeFile.Delete(paths.CompletedSignInsFile);

    private List<CompletedSignIn> Live(DateTimeOffset now)
    {
        var read = SafeFile.Read(paths.CompletedSignInsFile, MaxFileBytes);
        if (read.Status != ReadStatus.Ok || read.Content.Length == 0)
        {
            return [];
        }

        try
        {
            var file = JsonSerializer.Deserialize(read.Content, StateJsonContext.Default.CompletedSignInsFile);
            var moment = now.ToUnixTimeMilliseconds();
            return [.. (file?.Completed ?? []).Where(entry => entry is { PendingId: { } id } && PendingFlowStore.IsWellFormedId(id) && entry.KeepUntil > moment)];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // A damaged file only costs the idempotent answer; the sign-in itself is in auth.json.
            return [];
        }
    }
}
