using Npgsql;
using XaiGrok.Onboarding.Platform;

namespace XaiGrok.Onboarding.PostgreSql;

/// <summary>
/// The users with a stored session, from <c>grok_credentials</c> (what every replica sees, whoever signed the user in),
/// and the removal of what is left of a signed-out user. A row this replica cannot open (another key ring, damage) is
/// not a connected user and is left out, as a folder without a credential is in the file store.
/// </summary>
internal static class PostgreSqlLinkedUsers
{
    public static async Task<IReadOnlyList<LinkedUser>> ReadAsync(PostgreSqlDatabase database, SecretSealing sealing, CancellationToken cancellationToken)
    {
        var users = new List<LinkedUser>();
        try
        {
            await database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var command = database.DataSource.CreateCommand("SELECT user_id, sealed FROM grok_credentials ORDER BY user_id COLLATE \"C\"");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // The tokens are opened for their claims and dropped at once: nothing here joins a registry or a result.
                if (PostgreSqlCredentialStore.Open(sealing, reader.GetFieldValue<byte[]>(1)).Credential is { } credential)
                {
                    users.Add(new LinkedUser(reader.GetString(0), credential.Source, credential.Subject, credential.Email, credential.Tier, credential.ExpiresAt, credential.NeedsReauth));
                }
            }
        }
        catch (Exception e) when (StoreFailure.IsDatabase(e))
        {
            throw StoreFailure.From("grok_credentials", e);
        }

        return users;
    }

    /// <summary>Deletes every row of the user in one transaction (the logout already took the session and sign-ins).</summary>
    public static async Task ForgetAsync(PostgreSqlDatabase database, string userId, CancellationToken cancellationToken)
    {
        try
        {
            await database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var batch = database.DataSource.CreateBatch();
            foreach (var table in (string[])["grok_credentials", "grok_pending_flows", "grok_model_cache", "grok_settings"])
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand($"DELETE FROM {table} WHERE user_id = $1") { Parameters = { new() { Value = userId } } });
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StoreFailure.IsDatabase(e))
        {
            throw StoreFailure.From("grok_settings", e);
        }
    }
}
