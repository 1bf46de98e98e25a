using Microsoft.Data.Sqlite;

namespace Workflow.Engine.Storage;

/// <summary>
/// Commands kept on one connection, one per statement text: each is prepared the first time and run again with
/// fresh parameters, since preparing a statement costs more than running it. A caller sets the parameters (cleared
/// here) and does not dispose the command.
/// </summary>
internal sealed class KeptCommands(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _kept = new(StringComparer.Ordinal);

    /// <summary>The command for <paramref name="sql"/>, in <paramref name="transaction"/>, with no parameters.</summary>
    public SqliteCommand For(string sql, SqliteTransaction? transaction)
    {
        if (!_kept.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _kept.Add(sql, command);
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _kept.Values)
        {
            command.Dispose();
        }

        _kept.Clear();
    }
}
