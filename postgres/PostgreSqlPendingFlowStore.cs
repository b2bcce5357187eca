using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using XaiGrok.Onboarding.DeviceGrant;
using XaiGrok.Onboarding.Storage;
using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding.PostgreSql;

/// <summary>
/// A person's pending sign-ins as rows of <c>grok_pending_flows</c>, sealed (the device code is a secret), so that
/// <c>poll</c> finds on any replica the sign-in <c>connect</c> started on another. A row that cannot be opened is not offered.
/// The sign-ins that ended in a connection are rows of <c>grok_completed_sign_ins</c> (plain: pending ids are no secrets),
/// so that a poll on any replica of a sign-in another replica redeemed answers <c>connected</c>.
/// </summary>
internal sealed class PostgreSqlPendingFlowStore(PostgreSqlDatabase database, string userId, SecretSealing sealing, TimeSpan lockTimeout) : IPendingFlowStore
{
    private const string Table = "grok_pending_flows";
    private const string CompletedTable = "grok_completed_sign_ins";

    private PostgreSqlAdvisoryLock? held;

    /// <summary>The person's sign-in lock, on every replica: a poll holds it from reading the next poll time to saving the answer.</summary>
    public async Task<IDisposable> LockAsync(CancellationToken cancellationToken)
    {
        var taken = await PostgreSqlAdvisoryLock.TakeAsync(database, PostgreSqlAdvisoryLock.SignInLock, userId, Table, lockTimeout, cancellationToken).ConfigureAwait(false);
        taken.Released += () => Interlocked.CompareExchange(ref held, null, taken);
        held = taken;
        return taken;
    }

    public void Save(PendingFlow flow) => Run(command =>
    {
        command.CommandText = """
            INSERT INTO grok_pending_flows (user_id, pending_id, sealed, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (user_id, pending_id) DO UPDATE SET sealed = excluded.sealed, created_at = excluded.created_at, expires_at = excluded.expires_at
            """;
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(flow.PendingId);
        command.Parameters.AddWithValue(NpgsqlDbType.Bytea, sealing.SealPendingFlow(JsonSerializer.SerializeToUtf8Bytes(PendingFlowFile.From(flow), StateJsonContext.Default.PendingFlowFile)));
        command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, flow.CreatedAt.UtcDateTime);
        command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, flow.ExpiresAt.UtcDateTime);
        return command.ExecuteNonQuery();
    });

    public PendingFlow? Load(string pendingId)
    {
        if (!PendingFlowStore.IsWellFormedId(pendingId))
        {
            return null;
        }

        return Run(command =>
        {
            command.CommandText = "SELECT sealed FROM grok_pending_flows WHERE user_id = $1 AND pending_id = $2";
            command.Parameters.AddWithValue(userId);
            command.Parameters.AddWithValue(pendingId);
            return command.ExecuteScalar() is byte[] sealedBytes && Open(sealedBytes) is { } flow && flow.PendingId == pendingId ? flow : null;
        });
    }

    public IReadOnlyList<PendingFlow> All() => Run(command =>
    {
        command.CommandText = "SELECT sealed FROM grok_pending_flows WHERE user_id = $1 ORDER BY created_at DESC";
        command.Parameters.AddWithValue(userId);
        var flows = new List<PendingFlow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (Open(reader.GetFieldValue<byte[]>(0)) is { } flow)
            {
                flows.Add(flow);
            }
        }

        return (IReadOnlyList<PendingFlow>)flows;
    });

    public void Remove(string pendingId)
    {
        if (PendingFlowStore.IsWellFormedId(pendingId))
        {
            Run(command =>
            {
                command.CommandText = "DELETE FROM grok_pending_flows WHERE user_id = $1 AND pending_id = $2";
                command.Parameters.AddWithValue(userId);
                command.Parameters.AddWithValue(pendingId);
                return command.ExecuteNonQuery();
            });
        }
    }

    public int RemoveAll() => Run(command =>
    {
        command.CommandText = "DELETE FROM grok_pending_flows WHERE user_id = $1";
        command.Parameters.AddWithValue(userId);
        return command.ExecuteNonQuery();
    });

    public bool RecordCompleted(IReadOnlyCollection<string> pendingIds, DateTimeOffset now, DateTimeOffset keepUntil)
    {
        var ids = pendingIds.Where(PendingFlowStore.IsWellFormedId).Distinct(StringComparer.Ordinal).ToArray();
        try
        {
            // Written under the sign-in lock, as every change of this person's completions: the three statements need no transaction.
            Run(CompletedTable, command =>
            {
                command.CommandText = "DELETE FROM grok_completed_sign_ins WHERE user_id = $1 AND keep_until <= $2";
                command.Parameters.AddWithValue(userId);
                command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, now.UtcDateTime);
                command.ExecuteNonQuery();

                command.Parameters.Clear();
                command.CommandText = """
                    INSERT INTO grok_completed_sign_ins (user_id, pending_id, completed_at, keep_until) SELECT $1, id, $3, $4 FROM unnest($2) AS id
                    ON CONFLICT (user_id, pending_id) DO UPDATE SET completed_at = excluded.completed_at, keep_until = excluded.keep_until
                    """;
                command.Parameters.AddWithValue(userId);
                command.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Text, ids);
                command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, now.UtcDateTime);
                command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, CompletedSignIns.KeepUntil(now, keepUntil).UtcDateTime);
                command.ExecuteNonQuery();

                // Bounded like the file: the newest completions, the ones just recorded first.
                command.Parameters.Clear();
                command.CommandText = """
                    DELETE FROM grok_completed_sign_ins WHERE user_id = $1 AND pending_id NOT IN (
                        SELECT pending_id FROM grok_completed_sign_ins WHERE user_id = $1 ORDER BY completed_at DESC, pending_id = ANY($2) DESC LIMIT $3)
                    """;
                command.Parameters.AddWithValue(userId);
                command.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Text, ids);
                command.Parameters.AddWithValue(CompletedSignIns.MaxEntries);
                return command.ExecuteNonQuery();
            });
            return true;
        }
        catch (StorageException)
        {
            return false;
        }
    }

    public bool Completed(string? pendingId, DateTimeOffset now)
    {
        if (pendingId is not null && !PendingFlowStore.IsWellFormedId(pendingId))
        {
            return false;
        }

        return Run(CompletedTable, command =>
        {
            command.CommandText = "SELECT EXISTS (SELECT 1 FROM grok_completed_sign_ins WHERE user_id = $1 AND keep_until > $2 AND ($3::text IS NULL OR pending_id = $3))";
            command.Parameters.AddWithValue(userId);
            command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, now.UtcDateTime);
            command.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)pendingId ?? DBNull.Value);
            return command.ExecuteScalar() is true;
        });
    }

    public void ClearCompleted() => Run(CompletedTable, command =>
    {
        command.CommandText = "DELETE FROM grok_completed_sign_ins WHERE user_id = $1";
        command.Parameters.AddWithValue(userId);
        return command.ExecuteNonQuery();
    });

    private PendingFlow? Open(byte[] sealedBytes)
    {
        if (sealing.OpenPendingFlow(sealedBytes) is not { } plain)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(plain, StateJsonContext.Default.PendingFlowFile)?.ToFlow();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private T Run<T>(Func<NpgsqlCommand, T> work) => Run(Table, work);

    /// <summary>On the sign-in lock's connection while this store holds it (one connection a poll, not two), else pooled.</summary>
    private T Run<T>(string table, Func<NpgsqlCommand, T> work) =>
        held is { } mine && mine.TryRun(table, work, out var result) ? result : PooledCommand.Run(database, table, work);
}
