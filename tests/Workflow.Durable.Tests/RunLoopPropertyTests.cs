using static Workflow.Durable.Tests.TestWorlds;

namespace Workflow.Durable.Tests;

public sealed class RunLoopPropertyTests
{
    private const int Cases = 60;

    [Fact]
    public async Task On_random_DAGs_continuing_as_new_changes_neither_the_outcome_nor_which_attempts_run()
    {
        for (var seed = 1; seed <= Cases; seed++)
        {
            // Arrange
            var definition = RandomRuns.Pipeline(seed);
            var whole = new List<string>();
            var split = new List<string>();

            // Act
            var once = await Generations.RunToEnd(PipelineRunInput.FromStart(Start(definition)), World(whole), 0);
            var many = await Generations.RunToEnd(PipelineRunInput.FromStart(Start(definition)), World(split),
                1 + (seed % 4));

            // Assert
            Assert.True(once.Outcome == many.Outcome, $"seed {seed}: {once.Outcome} != {many.Outcome}");
            Assert.True(split.Count == split.Distinct().Count(), $"seed {seed}: an attempt ran twice");
            Assert.True(whole.Order().SequenceEqual(split.Order()), $"seed {seed}: different attempts ran");
            Assert.True(many.Generations.SkipLast(1).All(g => g.Calls[^1] == "continue-as-new"), $"seed {seed}");
        }
    }

    [Fact]
    public async Task On_random_DAGs_a_replay_from_any_point_of_the_history_makes_the_same_calls()
    {
        for (var seed = 1; seed <= Cases; seed++)
        {
            // Arrange
            var definition = RandomRuns.Pipeline(seed);
            var live = new FakeOrchestrationPort("random@1", T0, World());
            var outcome = await RunOrchestrationLoop.RunAsync(live, PipelineRunInput.FromStart(Start(definition)));
            var cut = new Random(seed).Next(0, live.History.Count + 1);

            // Act
            var resumed = new FakeOrchestrationPort("random@1", T0, World(), live.History.Take(cut).ToList());
            var again = await RunOrchestrationLoop.RunAsync(resumed, PipelineRunInput.FromStart(Start(definition)));

            // Assert
            Assert.True(live.Calls.SequenceEqual(resumed.Calls), $"seed {seed}, cut {cut}: calls differ");
            Assert.True(outcome == again, $"seed {seed}, cut {cut}");
        }
    }
}
