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
    private static readonly byte[] NoBytes = [0];
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    /// <summary>The statement's pointer, for <see cref="StatementCalls"/>; its handle stays counted up until disposed.</summary>
    private readonly IntPtr _handle;
    private bool _disposed;

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
        var counted = false;
        _statement.DangerousAddRef(ref counted);
        _handle = _statement.DangerousGetHandle();
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

            var rc = StatementCalls.Step(_handle);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }
        }
        finally
        {
            StatementCalls.Reset(_handle);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _statement.DangerousRelease();
        _statement.Dispose();
    }

    // An empty span pins as a null pointer, which SQLite would bind as NULL: empty text points at a byte of its own
    // with length 0, and an empty blob is a zero-length blob.
    private unsafe void Bind(int index, in SqlValue value)
    {
        int rc;
        switch (value.Type)
        {
            case SqlType.Integer:
                rc = StatementCalls.BindInt64(_handle, index, value.Integer);
                break;
            case SqlType.Real:
                rc = StatementCalls.BindDouble(_handle, index, value.Real);
                break;
            case SqlType.Text:
                fixed (byte* p = value.Bytes.IsEmpty ? NoBytes : value.Bytes)
                {
                    rc = StatementCalls.BindText(_handle, index, p, value.Bytes.Length, StatementCalls.Transient);
                }

                break;
            case SqlType.Blob when value.Bytes.IsEmpty:
                rc = StatementCalls.BindZeroBlob(_handle, index, 0);
                break;
            case SqlType.Blob:
                fixed (byte* p = value.Bytes)
                {
                    rc = StatementCalls.BindBlob(_handle, index, p, value.Bytes.Length, StatementCalls.Transient);
                }

                break;
            default:
                rc = StatementCalls.BindNull(_handle, index);
                break;
        }

        SqliteException.ThrowExceptionForRC(rc, _db);
    }
}
