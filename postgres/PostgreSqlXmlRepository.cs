using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace XaiGrok.Onboarding.PostgreSql;

/// <summary>
/// Data Protection's key ring as rows of <c>grok_data_protection_keys</c>, so that every replica on the database reads
/// the keys that sealed the tokens, with nothing else to share. Written by hand: the framework's own database store
/// (Microsoft.AspNetCore.DataProtection.EntityFrameworkCore) would pull Entity Framework Core into every host for one
/// table of two columns. Keys are only ever appended (Data Protection revokes by adding an element, never by editing one).
/// </summary>
internal sealed class PostgreSqlXmlRepository(PostgreSqlDatabase database) : IXmlRepository
{
    private const string Table = "grok_data_protection_keys";

    /// <exception cref="Storage.StorageException">The database is unreachable (Data Protection keeps its cached ring, if any).</exception>
    public IReadOnlyCollection<XElement> GetAllElements() => PooledCommand.Run(database, Table, command =>
    {
        command.CommandText = "SELECT xml FROM grok_data_protection_keys ORDER BY id";
        var elements = new List<XElement>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return (IReadOnlyCollection<XElement>)elements;
    });

    public void StoreElement(XElement element, string friendlyName) => PooledCommand.Run(database, Table, command =>
    {
        command.CommandText = "INSERT INTO grok_data_protection_keys (friendly_name, xml) VALUES ($1, $2)";
        command.Parameters.AddWithValue((object?)friendlyName ?? DBNull.Value);
        command.Parameters.AddWithValue(element.ToString(SaveOptions.DisableFormatting));
        return command.ExecuteNonQuery();
    });
}
