using Npgsql;

namespace XaiGrok.Onboarding.PostgreSql;

/// <summary>
/// Runs one idempotent statement on a pooled connection, once the schema is there (see <see cref="PostgreSqlDatabase"/>). A pooled connection the server dropped while it sat idle (the
/// database restarted, a proxy timed it out) fails on its first use: that one failure is retried once on a fresh
/// connection (the pool's idle connections cleared first), so the first call after the database is back succeeds. Writes under a lock never come here: they run on
/// the lock's own connection, which is their fence.
/// </summary>
internal static class PooledCommand
{
    public static T Run<T>(PostgreSqlDatabase database, string table, Func<NpgsqlCommand, T> work)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                database.EnsureSchema();
                using var connection = database.DataSource.OpenConnection();
                using var command = connection.CreateCommand();
                return work(command);
            }
            catch (NpgsqlException e) when (attempt == 1 && StoreFailure.IsDroppedConnection(e))
            {
                // A dropped idle connection, and its idle siblings likely with it: drop them all, once more on a new one.
                database.DataSource.Clear();
            }
            catch (Exception e) when (StoreFailure.IsDatabase(e))
            {
                throw StoreFailure.From(table, e);
            }
        }
    }
}
