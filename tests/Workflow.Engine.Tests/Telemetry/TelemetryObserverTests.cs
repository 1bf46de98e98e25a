using System.Diagnostics.Metrics;
using Workflow.Engine.Runtime;
using Workflow.Engine.Telemetry;
using Workflow.Model;

namespace Workflow.Engine.Tests.Telemetry;

/// <summary>
/// The telemetry observer hears of every attempt's start and end on the observer thread, two calls per task of a
/// run; what it only measures must not allocate, as each allocation is collected while the engine runs.
/// </summary>
public sealed class TelemetryObserverTests
{
    [Fact]
    public void Repeated_starts_and_ends_of_a_known_task_allocate_nothing_without_a_trace_listener()
    {
        // Arrange: a run of a task with dependencies, whose attempt started and ended twice (the finished map's
        // entry is made at the first end, the second updates it), so one-time costs are behind.
        using var meters = new Meters();
        using var telemetry = new WorkflowTelemetry(meters);
        var observer = new TelemetryObserver(telemetry);
        var definition = new PipelineDefinition
        {
            Id = "p",
            OwnerGroup = "g",
            Tasks =
            [
                new TaskDefinition { Id = "a", Kind = "code" },
                new TaskDefinition { Id = "b", Kind = "code" },
                new TaskDefinition { Id = "c", Kind = "code", DependsOn = ["a", "b"] },
            ],
        };
        var at = new DateTimeOffset(2026, 3, 3, 5, 0, 0, TimeSpan.Zero);
        var run = new RunInfo("r1", definition, at, null);
        observer.RunStarted(run, at);
        var finish = new TaskFinish("c", "c", 1, true, null, at, at.AddSeconds(1));
        observer.TaskFinished(run, new TaskFinish("a", "a", 1, true, null, at, at.AddSeconds(1)));
        observer.TaskStarted(run, "c", 1, at);
        observer.TaskFinished(run, finish);
        observer.TaskFinished(run, finish);
        Assert.False(WorkflowTelemetry.ActivitySource.HasListeners());

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            observer.TaskStarted(run, "c", 1, at);
            observer.TaskFinished(run, finish);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert
        Assert.Equal(0, allocated);
    }

    private sealed class Meters : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }
}
