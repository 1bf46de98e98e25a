using Workflow.Execution;
using static Workflow.Durable.Tests.TestWorlds;

namespace Workflow.Durable.Tests;

public sealed class RunLoopContinueAsNewTests
{
    private static readonly Model.PipelineDefinition Wide = Pipeline("wide",
        [Task("root"), .. Enumerable.Range(0, 12).Select(i => Task($"t{i}", seconds: 5 + 7 * (i % 4), after: ["root"],
            timeout: TimeSpan.FromMinutes(5), failAttempts: i % 5 == 0 ? 1 : 0, retries: 1)),
            Task("sink", after: [.. Enumerable.Range(0, 12).Select(i => $"t{i}")])]);

    [Fact]
    public async Task A_long_run_continues_as_new_only_when_no_activity_is_in_flight()
    {
        // Arrange
        var executed = new List<string>();

        // Act
        var (outcome, generations) = await Generations.RunToEnd(PipelineRunInput.FromStart(Start(Wide)), World(executed), maxEvents: 6);

        // Assert: several generations, each ending with every activity it scheduled already completed.
        Assert.True(generations.Count >= 3, $"only {generations.Count} generations");
        foreach (var generation in generations.SkipLast(1))
        {
            Assert.Equal("continue-as-new", generation.Calls[^1]);
            var scheduled = ScheduledTasks(generation).Count;
            var completed = generation.History.Count(h => h.Kind == "activity" && h.Name == OrchestrationNames.RunTaskActivity);
            Assert.Equal(scheduled, completed);
        }

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal(14, outcome.Summary.Succeeded);
    }

    [Fact]
    public async Task Continuing_as_new_runs_every_attempt_exactly_once_and_ends_like_a_single_generation()
    {
        // Arrange
        var single = new List<string>();
        var split = new List<string>();
        var once = await Generations.RunToEnd(PipelineRunInput.FromStart(Start(Wide)), World(single), maxEvents: 0);

        // Act
        var many = await Generations.RunToEnd(PipelineRunInput.FromStart(Start(Wide)), World(split), maxEvents: 4);

        // Assert
        Assert.Single(once.Generations);
        Assert.True(many.Generations.Count >= 3, $"only {many.Generations.Count} generations");
        Assert.Equal(split.Count, split.Distinct().Count());
        Assert.Equal(single.Order(), split.Order());
        Assert.Equal(once.Outcome, many.Outcome);
    }

    [Fact]
    public async Task A_pending_timer_survives_continue_as_new_and_fires_at_its_original_instant()
    {
        // Arrange: 'a' fails at T0+10s and retries after a 30 s backoff; 'b' keeps events coming meanwhile.
        var definition = Pipeline("timers", Task("a", failAttempts: 1, retries: 1), Task("b", seconds: 5),
            Task("c", seconds: 6), Task("d", seconds: 7));

        // Act
        var (outcome, generations) = await Generations.RunToEnd(PipelineRunInput.FromStart(Start(definition)), World(), maxEvents: 3);

        // Assert: the backoff fired in a later generation than the one that started it, at T0+40s.
        Assert.True(generations.Count >= 2);
        var fired = generations.SelectMany(g => g.History).Single(h => h.Kind == "timer");
        Assert.Equal(T0 + TimeSpan.FromSeconds(40), fired.At);
        Assert.Equal(RunStatus.Succeeded, outcome.Status);
    }

    [Fact]
    public async Task A_snapshot_carries_the_run_through_the_task_hub_serializer()
    {
        // Arrange
        var (_, generations) = await Generations.RunToEnd(PipelineRunInput.FromStart(Start(Wide)), World(), maxEvents: 6);

        // Act
        var snapshot = generations[0].ReadContinuedWith<PipelineRunInput>().Snapshot;

        // Assert
        Assert.NotNull(snapshot);
        Assert.Equal("wide@20260105T060000Z", snapshot.RunId);
        Assert.Equal(1, snapshot.Generation);
        Assert.True(snapshot.EventsProcessed >= 6);
        Assert.Equal("wide", RunDecider.Restore(snapshot.State.GetRawText()).Definition!.Id);
    }
}
