using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Alerts;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Sla;
using static Workflow.Engine.Tests.Support.Pipelines;

namespace Workflow.Engine.Tests.Alerts;

/// <summary>The embedded host starts a run's monitor by the one rule in Core (<see cref="SlaMonitorStarts"/>).</summary>
public class SlaMonitorStartTests
{
    [Fact]
    public async Task A_monitor_reads_its_deadline_in_the_first_enabled_schedules_zone_and_keeps_the_hosts_settings()
    {
        // Arrange
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var interval = TimeSpan.FromMinutes(17);
        await using var engine = await AlertTestHost.StartAsync(
            o => o.Monitor = new SlaMonitorSettings { EvaluationInterval = interval },
            s => s.AddCodeHandler("Wait", async (_, _, token) =>
            {
                await release.Task.WaitAsync(token);
                return null;
            }));
        var rule = new DeadlineRule { Time = new TimeOnly(12, 0) };
        var definition = Define("zoned-sla", Code("load", "Wait")) with
        {
            Schedules =
            [
                new ScheduleDefinition { Cron = "0 1 * * *", TimeZone = "Asia/Tokyo", Enabled = false },
                new ScheduleDefinition { Cron = "0 1 * * *", TimeZone = "America/New_York" },
            ],
            Sla = new SlaPolicy { Deadline = rule },
        };
        var store = engine.Services.GetRequiredService<SlaMonitorStore>();

        // Act
        var run = await engine.StartRunAsync(definition);
        var saved = await Poll.GetAsync(async () => (await store.LoadAsync(default))
            .FirstOrDefault(m => m.Monitor.RunId == run.RunId), m => m is not null, "the run's saved monitor");
        release.SetResult();
        Assert.Equal(RunStatus.Succeeded, await engine.WaitAsync(run.RunId));

        // Assert
        var state = saved!.Monitor.State;
        Assert.Equal(DeadlineCalculator.Compute(rule, run.LogicalTime, "America/New_York"), state.Deadline);
        Assert.NotEqual(DeadlineCalculator.Compute(rule, run.LogicalTime, "Asia/Tokyo"), state.Deadline);
        Assert.Equal(interval, state.Settings.EvaluationInterval);
    }
}
