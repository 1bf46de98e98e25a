using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Workflow.Engine.Storage;

/// <summary>
/// One statement prepared once on the writer's connection and bound by ordinal through SQLite's own API: no
/// parameter lookup by name and no UTF-16 conversion on each execution, which is most of what a row costs
/// through ADO.NET. It runs inside whatever transaction the connection has open.
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public PreparedStatement(SqliteConnection connection, string sql, int parameterCount)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
        if (raw.sqlite3_bind_parameter_count(_statement) != parameterCount)
        {
            throw new InvalidOperationException($"The statement takes {raw.sqlite3_bind_parameter_count(_statement)} " +
                $"parameters, not {parameterCount}: {sql}");
        }

        ParameterCount = parameterCount;
    }

    public int ParameterCount { get; }

    public void Execute(ReadOnlySpan<SqlValue> values)
    {
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                Bind(i + 1, values[i]);
            }

            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    // An empty span pins as a null pointer, which SQLite would bind as NULL: empty text and blobs go their own way.
    private void Bind(int index, in SqlValue value)
    {
        var rc = value.Type switch
        {
            SqlType.Integer => raw.sqlite3_bind_int64(_statement, index, value.Integer),
            SqlType.Real => raw.sqlite3_bind_double(_statement, index, value.Real),
            SqlType.Text when value.Bytes.IsEmpty => raw.sqlite3_bind_text(_statement, index, string.Empty),
            SqlType.Text => raw.sqlite3_bind_text(_statement, index, value.Bytes),
            SqlType.Blob when value.Bytes.IsEmpty => raw.sqlite3_bind_zeroblob(_statement, index, 0),
            SqlType.Blob => raw.sqlite3_bind_blob(_statement, index, value.Bytes),
            _ => raw.sqlite3_bind_null(_statement, index),
        };
        SqliteException.ThrowExceptionForRC(rc, _db);
    }
}
