using Npgsql;
using NpgsqlTypes;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding.PostgreSql;

/// <summary>
/// The model list in <c>grok_model_cache</c>, keyed by API origin and account, valid for the TTL. No memory layer in
/// front (as the files: a list another replica fetched, or a logout deleted, is seen on the next call). The ids are not
/// secrets (an API key appears only hashed in the key), so they are kept plain.
/// </summary>
internal sealed class PostgreSqlModelCache(PostgreSqlDatabase database, string userId, TimeProvider clock, TimeSpan ttl) : IModelCacheStore
{
    private const string Table = "grok_model_cache";

    public ModelList? TryGet(string key) => Run(command =>
    {
        command.CommandText = "SELECT fetched_at, upstream_ids FROM grok_model_cache WHERE user_id = $1 AND cache_key = $2";
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(key);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var fetchedAt = new DateTimeOffset(reader.GetFieldValue<DateTime>(0), TimeSpan.Zero);
        return IsValid(fetchedAt) ? ModelCatalog.Build(reader.GetFieldValue<string[]>(1), fetchedAt) : null;
    });

    public ModelList Store(string key, IReadOnlyList<string> upstreamIds)
    {
        var list = ModelCatalog.Build(upstreamIds, clock.GetUtcNow());
        Run(command =>
        {
            command.CommandText = """
                INSERT INTO grok_model_cache (user_id, cache_key, fetched_at, upstream_ids) VALUES ($1, $2, $3, $4)
                ON CONFLICT (user_id) DO UPDATE SET cache_key = excluded.cache_key, fetched_at = excluded.fetched_at, upstream_ids = excluded.upstream_ids
                """;
            command.Parameters.AddWithValue(userId);
            command.Parameters.AddWithValue(key);
            command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, list.FetchedAt.UtcDateTime);
            command.Parameters.AddWithValue(upstreamIds.ToArray());
            return command.ExecuteNonQuery();
        });
        return list;
    }

    public void Clear() => Run(command =>
    {
        command.CommandText = "DELETE FROM grok_model_cache WHERE user_id = $1";
        command.Parameters.AddWithValue(userId);
        return command.ExecuteNonQuery();
    });

    // A fetch time in the future (a replica whose clock runs ahead) is not trusted.
    private bool IsValid(DateTimeOffset fetchedAt)
    {
        var now = clock.GetUtcNow();
        return fetchedAt <= now + TimeSpan.FromMinutes(1) && now < fetchedAt + ttl;
    }

    private T Run<T>(Func<NpgsqlCommand, T> work) => PooledCommand.Run(database, Table, work);
}
