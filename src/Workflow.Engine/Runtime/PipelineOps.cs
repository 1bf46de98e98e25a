using Workflow.Engine.Services;
using Workflow.Engine.Storage;
using Workflow.Json;
using Workflow.Model;
using Workflow.Services;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Stores a new version of a pipeline unless it equals the current one (<see cref="PipelineJson.SameContent"/>),
/// which is then answered as it is, with none of the host's rows. A stale <c>expectedVersion</c> is a
/// <see cref="VersionConflictException"/> (a 409), and one of a pipeline that does not exist a
/// <see cref="NotFoundException"/>; with <see cref="PipelineSaveOptions.MustBeNew"/>, an existing one a
/// <see cref="ConflictException"/>. The host's rows (<see cref="PipelineSaveOptions.AlsoWrite"/>) are written in the
/// same savepoint, so they and the version are kept or undone together.
/// </summary>
internal sealed class UpsertPipelineOp(PipelineDefinition definition, int? expectedVersion, string actor,
    PipelineSaveOptions? options) : WriteOp<PipelineRecord>
{
    protected override PipelineRecord Execute(WriteContext context)
    {
        var (record, stored) = Save(context);
        if (stored)
        {
            options?.AlsoWrite?.Invoke(context.Connection, context.Transaction, record);
        }

        return record;
    }

    /// <summary>The record answered, and whether it is a new version (false: the current one, unchanged).</summary>
    private (PipelineRecord Record, bool Stored) Save(WriteContext context)
    {
        var head = PipelineHeads.Read(context, definition.Id);
        var current = head is { Deleted: false } ? head.Value.Version : (int?)null;
        if (options is { MustBeNew: true } && current is not null)
        {
            throw PipelineIdTaken.Refusal(definition.Id);
        }

        if (expectedVersion is { } expected && expected != current)
        {
            throw current is null
                ? new NotFoundException($"Pipeline '{definition.Id}' does not exist, so version {expected} cannot be " +
                                        "replaced. Create it without If-Match.")
                : new VersionConflictException($"Pipeline '{definition.Id}' is at version {current}, not {expected}. " +
                                               $"Read it again and retry with If-Match: \"v{current}\".");
        }

        if (current is { } version && PipelineRows.Version(context.Connection, context.Transaction, definition.Id, version)
                is { } stored && PipelineJson.SameContent(stored, definition))
        {
            return (PipelineHeads.Record(context, definition.Id, version)!, false);
        }

        var next = (head?.Version ?? 0) + 1;
        var versioned = definition with { Version = next };
        var insert = context.KeptCommand("""
            INSERT INTO pipelines (pipeline_id, version, definition, etag, updated_at, updated_by)
            VALUES ($id, $v, $d, $e, $t, $by);
            INSERT INTO pipeline_heads (pipeline_id, current_version, owner_group, deleted) VALUES ($id, $v, $g, 0)
            ON CONFLICT (pipeline_id) DO UPDATE SET current_version = $v, owner_group = $g, deleted = 0;
            """);
        insert.Parameters.AddWithValue("$id", definition.Id);
        insert.Parameters.AddWithValue("$v", next);
        insert.Parameters.AddWithValue("$d", PipelineJson.Serialize(versioned));
        insert.Parameters.AddWithValue("$e", PipelineHeads.ETag(next));
        insert.Parameters.AddWithValue("$t", context.NowMs);
        insert.Parameters.AddWithValue("$by", actor);
        insert.Parameters.AddWithValue("$g", definition.OwnerGroup);
        insert.ExecuteNonQuery();

        Scheduling.ScheduleIndexRows.Save(context.KeptCommand, versioned, context.Now);
        Handlers.Queue.QueueWatchRows.Save(context, versioned);
        return (new PipelineRecord(versioned, next, PipelineHeads.ETag(next), context.Now, actor), true);
    }
}

/// <summary>
/// Marks a pipeline deleted; its versions stay for the runs pinned to them. Its duration history goes with it, so an id
/// saved again starts its estimates afresh; what a run still going records afterwards goes with the retention sweep
/// (<see cref="Retention.EngineSweeps.DeletedPipelineDurations"/>).
/// </summary>
internal sealed class DeletePipelineOp(string pipelineId, int? expectedVersion) : WriteOp<bool>
{
    protected override bool Execute(WriteContext context)
    {
        var head = PipelineHeads.Read(context, pipelineId);
        if (head is not { Deleted: false } live)
        {
            return false;
        }

        if (expectedVersion is { } expected && expected != live.Version)
        {
            throw new VersionConflictException(
                $"Pipeline '{pipelineId}' is at version {live.Version}, not {expected}. Read it again and retry with If-Match: \"v{live.Version}\".");
        }

        using var update = context.Command("""
            UPDATE pipeline_heads SET deleted = 1 WHERE pipeline_id = $id;
            DELETE FROM task_durations WHERE pipeline_id = $id;
            """);
        update.Parameters.AddWithValue("$id", pipelineId);
        update.ExecuteNonQuery();
        return true;
    }
}
