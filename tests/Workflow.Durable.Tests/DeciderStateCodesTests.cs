using System.Text.Json;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Progress;
using Xunit.Abstractions;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Durable.Tests;

public sealed class DeciderStateCodesTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);

    private static TaskDefinition Delay(string id, params string[] dependsOn) => new()
    {
        Id = id,
        Kind = "delay",
        Config = JsonSerializer.SerializeToElement(new { duration = "1h" }),
        DependsOn = dependsOn,
    };

    private static TaskDefinition Work(string id, params string[] dependsOn) => new()
    {
        Id = id,
        Kind = "code",
        Config = JsonSerializer.SerializeToElement(new { handler = "h" }),
        DependsOn = dependsOn,
    };

    private static PipelineDefinition Pipeline(params TaskDefinition[] tasks) => new()
    {
        Id = "p",
        Version = 3,
        OwnerGroup = "team",
        Tasks = tasks,
        Concurrency = new ConcurrencyPolicy { MaxParallelTasks = 1_000_000 },
    };

    /// <summary>Starts the run, then ends the delay timers <paramref name="fire"/> picks by their place.</summary>
    private static RunState Run(PipelineDefinition definition, Func<int, bool> fire,
        Func<RunState, IReadOnlyList<RunCommand>, (RunState, IReadOnlyList<RunCommand>)>? between = null)
    {
        var started = RunDecider.Decide(RunDecider.Initial, new RunStarted(T0, "p@1", definition, null, T0));
        var (state, commands) = (started.State, started.Commands);
        if (between is not null)
        {
            (state, commands) = between(state, commands);
        }

        var timers = commands.OfType<StartTimer>().Where(t => t.Purpose == TimerPurpose.Delay).ToList();
        for (var i = 0; i < timers.Count; i++)
        {
            if (fire(i))
            {
                state = RunDecider.Decide(state, new TimerFired(T0.AddHours(1), timers[i].TimerId)).State;
            }
        }

        return state;
    }

    private static IReadOnlyDictionary<string, TaskStatus>? RoundTrip(RunState state)
    {
        var stored = JsonSerializer.Deserialize<RunProgress>(
            JsonSerializer.Serialize(RunProgress.Of(state, 0, 1, 0, 0)))!;
        return stored.DeciderTaskStatuses(state.Definition);
    }

    [Fact]
    public void Plain_and_mapped_delays_read_back_as_the_decider_holds_them()
    {
        // Arrange: two plain delays, a code task, and a delay mapped over the code task's seven items.
        var definition = Pipeline(Delay("a"), Work("list"), Delay("b"),
            Delay("each", "list") with { Map = new MapSpec { Over = "list" } });
        var state = Run(definition, i => i % 3 == 0, (s, commands) =>
        {
            var decided = RunDecider.Decide(s, new TaskSucceeded(T0, "list", 1,
                JsonSerializer.SerializeToElement(new[] { 1, 2, 3, 4, 5, 6, 7 })));
            return (decided.State, [.. commands, .. decided.Commands]);
        });

        // Act
        var read = RoundTrip(state);

        // Assert: every unit, pending ones included, as the decider's state has it; the mapped delay's instances too.
        Assert.NotNull(read);
        Assert.Equal(DeciderTaskStates.Of(state).OrderBy(s => s.Key), read.OrderBy(s => s.Key));
        Assert.Equal(7, read.Keys.Count(k => k.StartsWith("each[", StringComparison.Ordinal)));
        Assert.Contains(read, s => s.Value == TaskStatus.Running);
        Assert.Contains(read, s => s.Value == TaskStatus.Succeeded);
    }

    [Fact]
    public void A_mapped_delay_not_expanded_yet_reads_back_with_no_instances()
    {
        var definition = Pipeline(Delay("a"), Work("list"),
            Delay("each", "list") with { Map = new MapSpec { Over = "list" } });
        var state = Run(definition, _ => false);

        var read = RoundTrip(state);

        Assert.Equal([("a", TaskStatus.Running)], read!.Select(s => (s.Key, s.Value)));
    }

    [Fact]
    public void An_older_builds_status_shows_a_mapped_delays_instances_its_pending_ones_left_out_of()
    {
        // Arrange: what a build before the code wrote: non-pending units only, so instances 0 and 2 are missing.
        var definition = Pipeline(Work("list"), Delay("each", "list") with { Map = new MapSpec { Over = "list" } });
        var older = new RunProgress("p@1", RunStatus.Running, new Dictionary<string, int>(), 1, 0, 0, 5,
            DeciderTasks: new Dictionary<string, string> { ["each[1]"] = "running", ["each[3]"] = "succeeded" });

        // Act
        var rows = DeciderTaskStates.UnitsOf(definition.Tasks[1], older.DeciderTaskStatuses(definition),
            RunStatus.Running);

        // Assert
        Assert.Equal([("each[0]", TaskStatus.Pending), ("each[1]", TaskStatus.Running),
            ("each[2]", TaskStatus.Pending), ("each[3]", TaskStatus.Succeeded)], rows);
    }

    [Theory]
    [InlineData(10_000, 1)]
    [InlineData(10_000, 2)]
    [InlineData(10_000, 7)]
    public void Ten_thousand_waiting_delays_fit_in_the_custom_status_whatever_their_order(int count, int every)
    {
        // Arrange: plain delays of which every n-th one ended; 2 alternates running and succeeded, the worst order
        // for run lengths.
        var definition = Pipeline([.. Enumerable.Range(0, count).Select(i => Delay($"d{i}"))]);
        var state = Run(definition, i => i % every == 0 && every > 1);

        // Act
        var progress = RunProgress.Of(state, 0, count, 0, 0);
        var json = JsonSerializer.Serialize(progress);
        var read = RoundTrip(state);

        // Assert
        output.WriteLine($"{count} delays, every {every} ended: code {progress.DeciderStates!.Length} characters, " +
                         $"custom status {json.Length} characters");
        Assert.False(progress.DeciderStatesCut);
        Assert.True(json.Length < 16 * 1024);
        Assert.Equal(DeciderTaskStates.Of(state).OrderBy(s => s.Key), read!.OrderBy(s => s.Key));
    }

    [Fact]
    public void Past_the_room_the_code_is_cut_and_what_it_keeps_is_still_right()
    {
        // Arrange: more alternating delays than three bits each fit in the code's room.
        const int count = 30_000;
        var definition = Pipeline([.. Enumerable.Range(0, count).Select(i => Delay($"d{i}"))]);
        var state = Run(definition, i => i % 2 == 0);

        // Act
        var progress = RunProgress.Of(state, 0, count, 0, 0);
        var read = RoundTrip(state);

        // Assert: cut, under the limit, and no state it gives is wrong.
        Assert.True(progress.DeciderStatesCut);
        Assert.True(JsonSerializer.Serialize(progress).Length < 16 * 1024);
        var truth = DeciderTaskStates.Of(state);
        Assert.InRange(read!.Count, count / 2, count - 1);
        Assert.All(read, s => Assert.Equal(truth[s.Key], s.Value));
    }

    [Fact]
    public void A_code_read_against_another_definition_gives_nothing()
    {
        var state = Run(Pipeline(Delay("a"), Delay("b")), _ => false);
        var code = RunProgress.Of(state, 0, 1, 0, 0).DeciderStates!;

        Assert.Null(DeciderStateCodes.Decode(code, Pipeline(Delay("a"))));
        Assert.Null(DeciderStateCodes.Decode(code, Pipeline(Delay("a"), Delay("b", "a") with
        {
            Map = new MapSpec { Over = "a" },
        })));
        Assert.Null(DeciderStateCodes.Decode("nonsense", Pipeline(Delay("a"))));
    }
}
