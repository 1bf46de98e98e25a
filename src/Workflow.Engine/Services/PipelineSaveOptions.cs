using Microsoft.Data.Sqlite;
using Workflow.Services;

namespace Workflow.Engine.Services;

/// <summary>
/// What the embedded engine can add to saving a pipeline version, beyond <see cref="IWorkflowService"/>'s upsert:
/// refusing an id that exists in the same write that would store it (no read before, no race between two creators),
/// and rows of the host's own written in the same transaction as the version (its audit entry), so that one group
/// commit makes both durable and the caller waits for one commit instead of two. <see cref="MustBeNew"/> refuses
/// with a <see cref="ConflictException"/> when a pipeline with the id exists; <see cref="AlsoWrite"/> writes in the
/// save's transaction, given the record saved, and should it throw, the version is not saved either. A save that
/// changes nothing stores no version and calls no <see cref="AlsoWrite"/>.
/// </summary>
public sealed record PipelineSaveOptions(bool MustBeNew,
    Action<SqliteConnection, SqliteTransaction, PipelineRecord>? AlsoWrite);
