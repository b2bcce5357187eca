using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Stores;

namespace XaiGrok.Onboarding.PostgreSql;

/// <summary>The model a person chose, in <c>grok_settings</c>: chosen on one replica, used by all.</summary>
internal sealed class PostgreSqlModelChoice(PostgreSqlDatabase database, string userId) : IModelChoiceStore
{
    private const string Table = "grok_settings";

    public string? Selected() => PooledCommand.Run(database, Table, command =>
    {
        command.CommandText = "SELECT selected_model FROM grok_settings WHERE user_id = $1";
        command.Parameters.AddWithValue(userId);
        return command.ExecuteScalar() is string id && ModelIds.IsWellFormed(id) ? id : null;
    });

    public void Select(string upstreamId) => PooledCommand.Run(database, Table, command =>
    {
        command.CommandText = "INSERT INTO grok_settings (user_id, selected_model) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET selected_model = excluded.selected_model";
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(upstreamId);
        return command.ExecuteNonQuery();
    });
}
