using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Execution;
using Workflow.Functions.Tests.Support;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using static Workflow.Functions.Tests.Support.Definitions;

namespace Workflow.Functions.Tests.Orchestration;

/// <summary>
/// A run's dispatch keys are planned once, in the <c>ResolveRun</c> activity, and kept in the orchestration's
/// history: every replay of the orchestrator dispatches by them, whatever planner the app has by then.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DispatchReplayTests(AzuriteFixture azurite)
{
    private static readonly string[] Ids = ["a", "b", "c", "d", "e"];

    [Fact]
    public async Task Replays_of_a_slot_limited_run_keep_the_order_planned_at_its_start_when_the_planner_changes()
    {
        // Arrange: one slot for five independent tasks, so the keys alone decide the order. The first plan puts
        // the last task first; every later plan (what a new release's planner would say) another order, and the
        // app's own planner yet another, so a replay that planned again would dispatch differently.
        var planner = new SwitchingPlanner(first: [0, 1, 2, 3, 4], later: [3, 4, 0, 1, 2]);
        var started = new ConcurrentQueue<string>();
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "dispatch-replay",
            userCode: services =>
            {
                services.AddSingleton<IDispatchPlanner>(planner);
                services.AddCodeHandler("ordered", (context, _, _) =>
                {
                    started.Enqueue(context.TaskKey);
                    return ValueTask.FromResult<JsonElement?>(null);
                });
            });
        var definition = Pipeline("slots", [.. Ids.Select(id => Code(id, "ordered"))]) with
        {
            Concurrency = new ConcurrencyPolicy { MaxParallelTasks = 1 },
        };
        await host.UpsertAsync(definition);
        var builtIn = PolicyDispatchPlanner.Instance.Plan(definition, null, DispatchPolicy.Simulated)!;

        // Act: each completion is a new orchestration episode, which replays the history from its start.
        await host.StartAsync("slots", "slots@1");
        var run = await host.CompletedAsync("slots@1");

        // Assert
        Assert.Equal(RunStatus.Succeeded, run.Run.Status);
        Assert.Equal(1, planner.Calls);
        string[] planned = ["e", "d", "c", "b", "a"];
        Assert.Equal(planned, OrderOf(planner.First));
        Assert.NotEqual(planned, OrderOf(planner.Later));
        Assert.NotEqual(planned, OrderOf(builtIn));
        Assert.Equal(planned, started);
    }

    /// <summary>Highest key first; equal keys in definition order (the order the roots became ready).</summary>
    private static string[] OrderOf(IReadOnlyList<double> keys) =>
        [.. Enumerable.Range(0, keys.Count).OrderByDescending(i => keys[i]).ThenBy(i => i).Select(i => Ids[i])];

    /// <summary>Plans <c>first</c>'s keys once, then <c>later</c>'s: a planner changed after the run started.</summary>
    private sealed class SwitchingPlanner(double[] first, double[] later) : IDispatchPlanner
    {
        private int calls;

        public int Calls => calls;

        public double[] First => first;

        public double[] Later => later;

        public IReadOnlyList<double>? Plan(PipelineDefinition definition,
            IReadOnlyDictionary<string, TimeSpan>? expected, DispatchPolicy policy) =>
            Interlocked.Increment(ref calls) == 1 ? first : later;
    }
}
