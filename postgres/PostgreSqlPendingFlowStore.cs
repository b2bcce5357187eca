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
/// </summary>
internal sealed class PostgreSqlPendingFlowStore(PostgreSqlDatabase database, string userId, SecretSealing sealing, TimeSpan lockTimeout) : IPendingFlowStore
{
    private const string Table = "grok_pending_flows";

    /// <summary>The person's sign-in lock, on every replica: a poll holds it from reading the next poll time to saving the answer.</summary>
    public async Task<IDisposable> LockAsync(CancellationToken cancellationToken) =>
        await PostgreSqlAdvisoryLock.TakeAsync(database, PostgreSqlAdvisoryLock.SignInLock, userId, Table, lockTimeout, cancellationToken).ConfigureAwait(false);

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

    private T Run<T>(Func<NpgsqlCommand, T> work) => PooledCommand.Run(database, Table, work);
}
