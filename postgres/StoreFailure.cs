using Npgsql;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.PostgreSql;

/// <summary>
/// Turns a database failure into the engine's <see cref="StorageException"/> (mapped to <c>credential_store_error</c>
/// with a hint of its own), naming the table and never a value: the values may be sealed secrets. The hint speaks of the
/// database, never of the state folder or <c>XAI_GROK_HOME</c>, which this store does not use for what failed.
/// </summary>
internal static class StoreFailure
{
    /// <summary>What to do when the PostgreSQL store fails, whatever the call.</summary>
    public const string Hint = "Check that the PostgreSQL database is up and reachable from this replica (its connection string, network, credentials) and that its user may use the grok_* tables, then try again.";

    public static StorageException From(string table, Exception problem) => new(
        "postgresql:" + table,
        problem is PostgresException server
            ? $"The PostgreSQL store refused an operation on {table} ({server.SqlState}: {server.MessageText}). Check the database, then try again."
            : $"The PostgreSQL store could not be reached for {table} ({problem.GetType().Name}: {Reason(problem)}). Check that the database is up and reachable, then try again.",
        problem,
        Hint);

    /// <summary>
    /// Whether a pooled connection was found dead on its first use, so one more try on a fresh connection is safe and
    /// likely to work: a connection the server or the network dropped while it sat idle, or one the server terminated
    /// when it shut down or restarted (57P01 admin_shutdown, 57P02 crash_shutdown: the statement never ran, the FATAL
    /// was waiting in the socket).
    /// </summary>
    public static bool IsDroppedConnection(NpgsqlException problem) =>
        problem is PostgresException { SqlState: "57P01" or "57P02" } || (problem is not PostgresException && problem.IsTransient);

    /// <summary>Whether <paramref name="problem"/> is the database's or the connection's (not a bug of ours).</summary>
    public static bool IsDatabase(Exception problem) => problem is NpgsqlException or TimeoutException or IOException or System.Net.Sockets.SocketException;

    private static string Reason(Exception problem) => problem.InnerException is { } inner ? inner.Message : problem.Message;
}
