using Microsoft.Data.Sqlite;

namespace Workflow.Engine.Storage;

/// <summary>One recorded row change: a prepared statement or ad hoc SQL, with its parameter values.</summary>
internal readonly record struct StoreWrite(SqliteCommand? Prepared, string? Sql, object?[] Values);
