using static Workflow.Durable.Tests.TestWorlds;

namespace Workflow.Durable.Tests;

/// <summary>Runs a run orchestration generation after generation, as Durable would after each continue-as-new.</summary>
internal static class Generations
{
    public static async Task<(RunOutcome Outcome, List<FakeOrchestrationPort> Generations)> RunToEnd(
        PipelineRunInput input, FakeWorld world, int maxEvents)
    {
        var options = new RunLoopOptions { MaxEventsPerGeneration = maxEvents };
        var generations = new List<FakeOrchestrationPort>();
        var now = T0;
        while (generations.Count < 500)
        {
            var port = new FakeOrchestrationPort("run@1", now, world);
            generations.Add(port);
            var outcome = await RunOrchestrationLoop.RunAsync(port, input, options);
            if (outcome is not null)
            {
                return (outcome, generations);
            }

            input = port.ReadContinuedWith<PipelineRunInput>();
            now = port.CurrentUtcDateTime;
        }

        throw new InvalidOperationException("The run never finished.");
    }
}
