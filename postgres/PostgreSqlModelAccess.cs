using Npgsql;
using NpgsqlTypes;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding.PostgreSql;

/// <summary>
/// What calls taught about a person's models, one row of <c>grok_model_access</c> keyed like the model cache, so that
/// every replica offers and accepts the same models. A change is one upsert computed by the database from the row it
/// replaces, so two replicas learning at once lose nothing and need no lock. Model ids are not secrets.
/// </summary>
internal sealed class PostgreSqlModelAccess(PostgreSqlDatabase database, string userId) : IModelAccessStore
{
    private const string Table = "grok_model_access";

    // The row's list with the model taken out (when the row is for the same key), then the model added when it is
    // this list's kind, cut to the newest MaxModels ($5).
    private const string Works = "(CASE WHEN grok_model_access.cache_key = $2 THEN array_remove(grok_model_access.works, $3) ELSE '{}' END || CASE WHEN $4 THEN ARRAY[$3] ELSE '{}' END)";
    private const string Refused = "(CASE WHEN grok_model_access.cache_key = $2 THEN array_remove(grok_model_access.refused, $3) ELSE '{}' END || CASE WHEN $4 THEN '{}' ELSE ARRAY[$3] END)";

    public ModelAccessFacts For(string key) => Run(command =>
    {
        command.CommandText = "SELECT works, refused FROM grok_model_access WHERE user_id = $1 AND cache_key = $2";
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(key);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new ModelAccessFacts(
                new HashSet<string>(reader.GetFieldValue<string[]>(0).Where(ModelIds.IsWellFormed), StringComparer.Ordinal),
                new HashSet<string>(reader.GetFieldValue<string[]>(1).Where(ModelIds.IsWellFormed), StringComparer.Ordinal))
            : ModelAccessFacts.None;
    });

    public Task RecordAsync(string key, string upstreamId, bool worked, CancellationToken cancellationToken)
    {
        // The usual chat pays one read and no write.
        if (For(key).Says(upstreamId) == worked)
        {
            return Task.CompletedTask;
        }

        Run(command =>
        {
            command.CommandText = $$"""
                INSERT INTO grok_model_access (user_id, cache_key, works, refused)
                VALUES ($1, $2, CASE WHEN $4 THEN ARRAY[$3] ELSE '{}' END, CASE WHEN $4 THEN '{}' ELSE ARRAY[$3] END)
                ON CONFLICT (user_id) DO UPDATE SET
                    works = {{Works}}[greatest(cardinality({{Works}}) - $5 + 1, 1):],
                    refused = {{Refused}}[greatest(cardinality({{Refused}}) - $5 + 1, 1):],
                    cache_key = $2
                """;
            command.Parameters.AddWithValue(userId);
            command.Parameters.AddWithValue(key);
            command.Parameters.AddWithValue(NpgsqlDbType.Text, upstreamId);
            command.Parameters.AddWithValue(worked);
            command.Parameters.AddWithValue(ModelAccess.MaxModels);
            return command.ExecuteNonQuery();
        });
        return Task.CompletedTask;
    }

    public void Clear() => Run(command =>
    {
        command.CommandText = "DELETE FROM grok_model_access WHERE user_id = $1";
        command.Parameters.AddWithValue(userId);
        return command.ExecuteNonQuery();
    });

    private T Run<T>(Func<NpgsqlCommand, T> work) => PooledCommand.Run(database, Table, work);
}
