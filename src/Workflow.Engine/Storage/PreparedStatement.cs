using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Workflow.Engine.Storage;

/// <summary>
/// One statement prepared once on the writer's connection and bound by ordinal through SQLite's own API: no
/// parameter lookup by name and no UTF-16 conversion on each execution, which is most of what a row costs
/// through ADO.NET. It runs inside whatever transaction the connection has open.
/// </summary>
/// <remarks>
/// A parameter is bound again only when its value differs from the one it holds: SQLite keeps a statement's
/// bindings across <c>sqlite3_reset</c> (it copied bound text and blobs), and a hot statement executed row after
/// row mostly repeats a value in each parameter from the row before (the run id, the attempt number, a status, the
/// NULLs of a success). Each bind is a native call that takes the connection's mutex, frees the old value and copies
/// the new; with four statements a task, they were about 35 calls a task on the commit thread. A value counts as the
/// same when it is the same number, or the same array (<see cref="SqlValue.SameAs"/>), which the statement keeps
/// until the parameter is bound to something else.
/// </remarks>
internal sealed class PreparedStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    /// <summary>What each parameter is bound to; a new statement's parameters are all NULL.</summary>
    private readonly SqlValue[] _bound;

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
        _bound = new SqlValue[parameterCount];
    }

    public int ParameterCount { get; }

    public void Execute(ReadOnlySpan<SqlValue> values)
    {
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (!values[i].SameAs(_bound[i]))
                {
                    Bind(i + 1, values[i]);
                    _bound[i] = values[i];
                }
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
