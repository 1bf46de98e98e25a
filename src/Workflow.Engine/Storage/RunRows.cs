using Workflow.Engine.Runtime;

namespace Workflow.Engine.Storage;

/// <summary>Small synchronous lookups of committed rows that the writer thread makes.</summary>
internal static class RunRows
{
    public static bool Exists(WriteContext context, string runId)
    {
        using var command = context.ReadConnection.CreateCommand();
        command.CommandText = "SELECT 1 FROM runs WHERE run_id = $id;";
        command.Parameters.AddWithValue("$id", runId);
        return command.ExecuteScalar() is not null;
    }
}
