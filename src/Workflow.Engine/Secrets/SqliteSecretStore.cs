using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Services;

namespace Workflow.Engine.Secrets;

/// <summary>
/// The embedded host's secrets: encrypted with ASP.NET Core Data Protection (its key ring in the data directory,
/// see <see cref="SecretServiceCollectionExtensions"/>) and kept in the engine's SQLite file
/// (<see cref="SecretSchema"/>). The protector's purpose names the group and the secret, so a ciphertext copied
/// to another row does not decrypt. Writes go through the engine's writer, reads through pooled connections.
/// </summary>
public sealed class SqliteSecretStore(SqliteStore store, WriteLoop writer, IDataProtectionProvider protection,
    TimeProvider time) : ISecretStore
{
    /// <summary>The Data Protection purpose of all secrets; each secret adds its group and name.</summary>
    public const string Purpose = "Workflow.Secrets";

    public async ValueTask<SecretInfo> SetAsync(string group, string name, string value, string actor,
        CancellationToken cancellationToken)
    {
        var ciphertext = Protector(group, name).Protect(value);
        var now = time.GetUtcNow();
        var version = await writer.ExecuteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO secrets (owner_group, name, ciphertext, version, updated_by, updated_at)
                VALUES ($group, $name, $ciphertext, 1, $actor, $at)
                ON CONFLICT (owner_group, name) DO UPDATE SET ciphertext = excluded.ciphertext,
                    version = secrets.version + 1, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                RETURNING version;
                """;
            Bind(command, group, name);
            command.Parameters.AddWithValue("$ciphertext", ciphertext);
            command.Parameters.AddWithValue("$actor", actor);
            command.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }).WaitAsync(cancellationToken);
        return new SecretInfo(name, version, actor, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()));
    }

    public async ValueTask<IReadOnlyList<SecretInfo>> ListAsync(string group, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, version, updated_by, updated_at FROM secrets " +
                              "WHERE owner_group = $group ORDER BY name;";
        command.Parameters.AddWithValue("$group", group);
        var secrets = new List<SecretInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            secrets.Add(new SecretInfo(reader.GetString(0), reader.GetInt32(1), reader.GetString(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
        }

        return secrets;
    }

    public async ValueTask<bool> DeleteAsync(string group, string name, CancellationToken cancellationToken)
    {
        var deleted = await writer.ExecuteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM secrets WHERE owner_group = $group AND name = $name;";
            Bind(command, group, name);
            return command.ExecuteNonQuery();
        }).WaitAsync(cancellationToken);
        return deleted > 0;
    }

    public async ValueTask<string?> GetValueAsync(string group, string name, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ciphertext FROM secrets WHERE owner_group = $group AND name = $name;";
        Bind(command, group, name);
        return await command.ExecuteScalarAsync(cancellationToken) is string ciphertext
            ? Protector(group, name).Unprotect(ciphertext)
            : null;
    }

    private IDataProtector Protector(string group, string name) => protection.CreateProtector(Purpose, group, name);

    private static void Bind(SqliteCommand command, string group, string name)
    {
        command.Parameters.AddWithValue("$group", group);
        command.Parameters.AddWithValue("$name", name);
    }
}
