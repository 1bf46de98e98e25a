using Workflow.Engine.Storage;
using Workflow.Execution;

namespace Workflow.Engine.Runtime;

/// <summary>
/// The embedded shell around the run decider: it creates a run, appends each event, asks the decider, and has
/// <see cref="DeciderCommands"/> carry out the commands in the same transaction, so an event and its consequences
/// become durable together or not at all. A snapshot of the state is written when <see cref="SnapshotDue"/> says.
/// </summary>
internal static class RunShell
{
    /// <summary>Inserts the run and applies its <see cref="RunStarted"/> event; the caller has checked it is new.</summary>
    public static ActiveRun Create(WriteContext context, RunCreation creation)
    {
        var now = context.Now;
        RunRows.Insert(context.Sql, creation, now);
        var run = new ActiveRun(creation.RunId, creation.Definition, RunDecider.Initial)
        {
            LogicalTime = creation.LogicalTime,
            ParentRunId = creation.ParentRunId,
            ParentTaskKey = creation.ParentTaskKey,
            ParentAttempt = creation.ParentAttempt,
        };
        context.Engine.Runs[run.RunId] = run;
        var info = run.Info;
        context.AfterCommit(() => context.Engine.Observers.Publish(o => o.RunStarted(info, now)));
        try
        {
            ApplyEvent(context, run, creation.Started(now));
        }
        catch
        {
            context.Engine.Runs.Remove(run.RunId);
            throw;
        }

        return run;
    }

    public static void ApplyEvent(WriteContext context, ActiveRun run, RunEvent @event)
    {
        var decision = RunDecider.Decide(run.State, @event);
        run.Seq++;
        var durable = context.Engine.Options.Durable;
        context.Sql.InsertEvent(run.RunId, run.Seq, @event.GetType().Name, UnixTime.ToMs(@event.At),
            durable ? RunEventCodec.Encode(@event) : SqlValue.Null);
        run.State = decision.State;
        foreach (var command in decision.Commands)
        {
            DeciderCommands.Execute(context, run, command, @event);
        }

        if (context.Engine.Runs.ContainsKey(run.RunId) && SnapshotDue(context.Engine.Options, run))
        {
            Snapshot(context, run);
        }
    }

    /// <summary>
    /// Recovery replays the events after the last snapshot, and a snapshot costs in proportion to the run's tasks:
    /// one every twice the task count (at least <see cref="EngineOptions.SnapshotMinEvents"/>) keeps both the
    /// snapshot cost per event and the replay after a crash bounded, and a run whose tasks each succeed once writes
    /// only its final snapshot, at the end.
    /// </summary>
    private static bool SnapshotDue(EngineOptions options, ActiveRun run) =>
        run.Seq - run.SnapshotSeq >= Math.Max(options.SnapshotMinEvents, 2L * run.Definition.Tasks.Count);

    /// <summary>
    /// The snapshot of a run that has ended. Nothing changes its state any more, so it is serialized off the writer
    /// once the end has committed (<see cref="FinalSnapshots"/>): neither the writer nor the run's end waits for it
    /// (for 10k tasks, 4 MB of JSON). Until it is saved readers replay the events after the last snapshot
    /// (<see cref="RunStateLoader"/>).
    /// </summary>
    public static void SnapshotLater(WriteContext context, ActiveRun run)
    {
        run.SnapshotSeq = run.Seq;
        var engine = context.Engine;
        if (engine.Options.Durable)
        {
            var (runId, seq, state) = (run.RunId, run.Seq, run.State);
            context.Sql.MarkSnapshotDue(runId);
            context.AfterCommit(() => engine.FinalSnapshots.Save(runId, seq, state));
        }
    }

    public static void Snapshot(WriteContext context, ActiveRun run)
    {
        if (context.Engine.Options.Durable)
        {
            context.Sql.UpsertSnapshot(run.RunId, run.Seq, EngineJson.SerializeState(run.State));
        }

        run.SnapshotSeq = run.Seq;
    }
}
