using Microsoft.Data.Sqlite;
using Workflow.Engine.Storage;
using Workflow.Model;
using Workflow.Runtime.Scheduling;
using Workflow.Scheduling;

namespace Workflow.Engine.Scheduling;

/// <summary>
/// Writes a pipeline version's rows of the next-due index inside the transaction that saves the version: each
/// enabled schedule of an enabled pipeline gets its first occurrence after its watermark (or after the save, when it
/// has none, which is where the tick starts counting too). Occurrences come from the core's schedule rules, so
/// windows and every other rule of <see cref="Schedule"/> apply. Being early is harmless (a tick then finds nothing
/// and moves the row on); the row is never later than the schedule's next occurrence.
/// </summary>
internal static class ScheduleIndexRows
{
    /// <summary>
    /// Writes the rows of <paramref name="definition"/>. <paramref name="command"/> gives a command for a statement,
    /// in the saving transaction and with no parameters: a pipeline save passes the writer's kept commands
    /// (<see cref="Runtime.WriteContext.KeptCommand"/>), so that a save prepares no statement.
    /// </summary>
    public static void Save(Func<string, SqliteCommand> command, PipelineDefinition definition, DateTimeOffset savedAt)
    {
        Execute(command("DELETE FROM schedule_due WHERE pipeline_id = $p;"), ("$p", definition.Id));
        if (!definition.Enabled)
        {
            return;
        }

        foreach (var schedule in definition.Schedules.Where(s => s.Enabled))
        {
            var key = ScheduleKey.Of(schedule);
            var from = Watermark(command, definition.Id, key) ?? savedAt;
            if (NextAfter(schedule, from) is { } next)
            {
                Execute(command("""
                    INSERT INTO schedule_due (pipeline_id, schedule_key, version, next_due) VALUES ($p, $k, $v, $n)
                    ON CONFLICT (pipeline_id, schedule_key) DO UPDATE SET version = $v, next_due = $n;
                    """), ("$p", definition.Id), ("$k", key), ("$v", definition.Version), ("$n", UnixTime.ToMs(next)));
            }
        }
    }

    /// <summary>The first occurrence after <paramref name="after"/>; null when the schedule fires no more.</summary>
    public static DateTimeOffset? NextAfter(ScheduleDefinition schedule, DateTimeOffset after) =>
        ScheduleMath.NextAfter(Schedule.From(schedule), after);

    private static DateTimeOffset? Watermark(Func<string, SqliteCommand> command, string pipelineId, string key)
    {
        var select = command("SELECT watermark FROM schedule_watermarks WHERE pipeline_id = $p AND schedule_key = $k;");
        select.Parameters.AddWithValue("$p", pipelineId);
        select.Parameters.AddWithValue("$k", key);
        return select.ExecuteScalar() is long ms ? UnixTime.FromMs(ms) : null;
    }

    /// <summary>An ad hoc statement in <paramref name="transaction"/>, with a command of its own.</summary>
    internal static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql,
        params (string Name, object Value)[] parameters)
    {
        using var command = SqliteStore.Command(connection, transaction, sql);
        return Execute(command, parameters);
    }

    private static int Execute(SqliteCommand command, params (string Name, object Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }
}
