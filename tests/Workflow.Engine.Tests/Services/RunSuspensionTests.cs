using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Runtime.Handlers;
using Workflow.Services;
using static Workflow.Engine.Tests.Support.Pipelines;

namespace Workflow.Engine.Tests.Services;

/// <summary>Suspend and resume on the real engine: the running attempt finishes, nothing new starts, resume goes on.</summary>
public sealed class RunSuspensionTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A code handler "gate" that waits until the test opens it, and "step" that returns at once.</summary>
    private static Action<IServiceCollection> Handlers(TaskCompletionSource gate) => s =>
    {
        s.AddCodeHandler("gate", async (_, _, ct) =>
        {
            await gate.Task.WaitAsync(ct);
            return (JsonElement?)ToJson(new { opened = true });
        });
        s.AddCodeHandler("step", (_, _, _) => ValueTask.FromResult<JsonElement?>(null));
    };

    private static Model.PipelineDefinition GateThenStep(string id) =>
        Define(id, Code("first", "gate"), Code("second", "step", null, "first"));

    [Fact]
    public async Task A_suspended_run_lets_its_running_attempt_finish_starts_nothing_new_and_resume_completes_it()
    {
        // Arrange
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var engine = await TestEngine.StartAsync(Handlers(gate));
        var run = await engine.StartRunAsync(GateThenStep("held"));
        await Poll.UntilAsync(async () => (await engine.Workflow.ListAttemptsAsync(run.RunId, "first", None))
            .Any(a => a.Status == Execution.TaskStatus.Running), "the first attempt to run");

        // Act
        var suspended = await engine.Workflow.SuspendRunAsync(run.RunId, "alice", "warehouse maintenance", None);
        gate.SetResult();
        await Poll.UntilAsync(async () => (await engine.Workflow.ListAttemptsAsync(run.RunId, "first", None))
            .Single().Status == Execution.TaskStatus.Succeeded, "the running attempt to finish");
        var held = await engine.Workflow.GetRunAsync(run.RunId, None);
        var secondAttempts = await engine.Workflow.ListAttemptsAsync(run.RunId, "second", None);
        var listedSuspended = await engine.Workflow.ListRunsAsync(new RunQuery(Status: RunStatus.Suspended), None);
        var listedRunning = await engine.Workflow.ListRunsAsync(new RunQuery(Status: RunStatus.Running), None);
        var resumed = await engine.Workflow.ResumeRunAsync(run.RunId, "alice", null, None);
        var status = await engine.WaitAsync(run.RunId);

        // Assert
        Assert.True(suspended);
        Assert.Equal(RunStatus.Suspended, held!.Run.Status);
        Assert.Empty(secondAttempts);
        Assert.Equal(run.RunId, Assert.Single(listedSuspended.Items).RunId);
        Assert.Empty(listedRunning.Items);
        Assert.True(resumed);
        Assert.Equal(RunStatus.Succeeded, status);
        Assert.Single(await engine.Workflow.ListAttemptsAsync(run.RunId, "second", None));
    }

    [Fact]
    public async Task Suspending_twice_is_a_no_op_and_unknown_queued_or_finished_runs_are_refused()
    {
        // Arrange
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var engine = await TestEngine.StartAsync(Handlers(gate));
        var run = await engine.StartRunAsync(GateThenStep("twice"));

        // Act
        var resumedWhileRunning = await engine.Workflow.ResumeRunAsync(run.RunId, "alice", null, None);
        var first = await engine.Workflow.SuspendRunAsync(run.RunId, "alice", null, None);
        var second = await engine.Workflow.SuspendRunAsync(run.RunId, "alice", null, None);
        await engine.Workflow.CancelRunAsync(run.RunId, "alice", "not needed", None);
        var cancelled = await engine.WaitAsync(run.RunId);
        var finished = await Assert.ThrowsAsync<ConflictException>(
            () => engine.Workflow.SuspendRunAsync(run.RunId, "alice", null, None).AsTask());
        var unknown = await Assert.ThrowsAsync<NotFoundException>(
            () => engine.Workflow.ResumeRunAsync("nope@1", "alice", null, None).AsTask());

        // Assert
        Assert.False(resumedWhileRunning);
        Assert.True(first);
        Assert.False(second);
        Assert.Equal(RunStatus.Cancelled, cancelled);
        Assert.Contains("already finished (cancelled)", finished.Message, StringComparison.Ordinal);
        Assert.Contains("'nope@1'", unknown.Message, StringComparison.Ordinal);
        gate.SetResult();
    }

    [Fact]
    public async Task A_run_suspended_when_the_host_stops_is_still_suspended_after_a_restart_and_resumes()
    {
        // Arrange: the first life suspends the run while its first attempt is still held open, then stops.
        var data = TempDirectory.Create();
        string runId;
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (var first = await TestEngine.StartAsync(Handlers(closed), data))
        {
            runId = (await first.StartRunAsync(GateThenStep("restart"))).RunId;
            await first.Workflow.SuspendRunAsync(runId, "alice", null, None);
        }

        // Act: the second life finishes the redelivered attempt; its child must wait for the resume.
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        await using var second = await TestEngine.StartAsync(Handlers(open), data);
        await Poll.UntilAsync(async () => (await second.Workflow.ListAttemptsAsync(runId, "first", None))
            .Any(a => a.Status == Execution.TaskStatus.Succeeded), "the redelivered attempt to finish");
        var afterRestart = await second.Workflow.GetRunAsync(runId, None);
        var secondAttempts = await second.Workflow.ListAttemptsAsync(runId, "second", None);
        var resumed = await second.Workflow.ResumeRunAsync(runId, "alice", null, None);
        var status = await second.WaitAsync(runId);

        // Assert: a finished attempt and its child's dispatch commit together, so an empty list means it was held.
        Assert.Equal(RunStatus.Suspended, afterRestart!.Run.Status);
        Assert.Empty(secondAttempts);
        Assert.True(resumed);
        Assert.Equal(RunStatus.Succeeded, status);
    }
}
