namespace Workflow.Engine.Storage;

/// <summary>
/// One recorded row change: a prepared statement with its encoded values, or ad hoc SQL (run rows, cleanup) with
/// values bound by name as <c>$1</c>, <c>$2</c>, ...
/// </summary>
internal readonly record struct StoreWrite(PreparedStatement? Prepared, SqlValue[]? Values, string? Sql,
    object?[]? Arguments);
