using System.Text.Json;
using Workflow.Durable.Sla;
using Workflow.Sla;
using static Workflow.Durable.Tests.TestWorlds;

namespace Workflow.Durable.Tests.Sla;

public sealed class RunLoopSlaForwardingTests
{
    [Fact]
    public async Task A_run_with_a_monitor_starts_it_beside_itself_and_tells_it_each_step_in_order()
    {
        // Arrange
        var definition = Pipeline("watched", Task("a", failAttempts: 1, retries: 1), Task("b", after: ["a"]));
        var monitor = new MonitorStarted(T0, "ignored", definition, new Dictionary<string, DurationEstimate>(), null);
        var port = new FakeOrchestrationPort("watched@1", T0, World());

        // Act
        await RunOrchestrationLoop.RunAsync(port, PipelineRunInput.FromStart(Start(definition), monitor));

        // Assert: the monitor is an orchestration of its own (not a sub-orchestration, which would keep the run from
        // continuing as new), named after the run and started before the run tells it anything.
        var sla = OrchestrationNames.SlaInstanceId("watched@20260105T060000Z");
        var start = Assert.Single(port.Calls, c => c.StartsWith($"activity {OrchestrationNames.StartSlaMonitorActivity} ",
            StringComparison.Ordinal));
        Assert.Contains($"\"InstanceId\":\"{sla}\"", start, StringComparison.Ordinal);
        Assert.Contains("\"RunId\":\"watched@20260105T060000Z\"", start, StringComparison.Ordinal);
        Assert.DoesNotContain(port.Calls, c => c.StartsWith("sub-orchestration", StringComparison.Ordinal));
        Assert.True(port.Calls.IndexOf(start) < port.Calls.FindIndex(c => c.StartsWith("send-event", StringComparison.Ordinal)));
        var events = port.Calls
            .Where(c => c.StartsWith($"send-event {sla} {OrchestrationNames.SlaEvent} ", StringComparison.Ordinal))
            .Select(c => JsonDocument.Parse(c[$"send-event {sla} {OrchestrationNames.SlaEvent} ".Length..])
                .RootElement.GetProperty("Event"))
            .Select(e => e.GetProperty("type").GetString()
                + (e.TryGetProperty("TaskKey", out var k) && k.ValueKind == JsonValueKind.String ? " " + k.GetString() : ""))
            .ToList();
        Assert.Equal(["task-started a", "task-finished a", "run-notified a", "task-started a", "task-finished a",
            "task-started b", "task-finished b", "run-notified", "run-finished"], events);
    }

    [Fact]
    public async Task A_monitored_run_continues_as_new_and_keeps_telling_the_same_monitor()
    {
        // Arrange
        var definition = Pipeline("watched", Task("a"), Task("b", after: ["a"]), Task("c", after: ["b"]));
        var monitor = new MonitorStarted(T0, "ignored", definition, new Dictionary<string, DurationEstimate>(), null);

        // Act
        var (outcome, generations) = await Generations.RunToEnd(PipelineRunInput.FromStart(Start(definition), monitor),
            World(), maxEvents: 2);

        // Assert
        Assert.Equal(Execution.RunStatus.Succeeded, outcome.Status);
        Assert.True(generations.Count >= 2, $"only {generations.Count} generations");
        var sla = OrchestrationNames.SlaInstanceId("watched@20260105T060000Z");
        Assert.Single(generations.SelectMany(g => g.Calls),
            c => c.StartsWith($"activity {OrchestrationNames.StartSlaMonitorActivity} ", StringComparison.Ordinal));
        Assert.Contains(generations[^1].Calls, c => c.StartsWith($"send-event {sla} ", StringComparison.Ordinal));
    }
}
