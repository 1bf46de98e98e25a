using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Alerts;
using Workflow.Engine.Tests.Support;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Sla;
using static Workflow.Engine.Tests.Support.Pipelines;

namespace Workflow.Engine.Tests.Alerts;

public sealed class SlaMonitorSkipTests
{
    [Fact]
    public async Task Tasks_skipped_after_a_failure_leave_the_forecast_and_the_at_risk_alert_clears()
    {
        // Arrange: extract → transform (40m) → load (40m) cannot finish within the hour; a side task keeps the run
        // going. When extract fails for good, the run decider skips transform and load.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero));
        var fail = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var engine = await TestEngine.StartAsync(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddCodeHandler("fail-when-told", async (_, _, token) =>
            {
                await fail.Task.WaitAsync(token);
                throw new TaskFailureException(ErrorKinds.InvalidInput, "bad extract");
            });
            s.AddCodeHandler("hold", async (_, _, token) =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return null;
            });
            s.AddWorkflowAlerts();
        });
        var pipeline = Define("sla-skip",
                Code("extract", "fail-when-told") with { ExpectedDuration = TimeSpan.FromMinutes(1) },
                Code("transform", "hold", null, "extract") with { ExpectedDuration = TimeSpan.FromMinutes(40) },
                Code("load", "hold", null, "transform") with { ExpectedDuration = TimeSpan.FromMinutes(40) },
                Code("side", "hold") with { ExpectedDuration = TimeSpan.FromMinutes(10) }) with
        {
            Defaults = new TaskDefaults { Retry = new RetryPolicy { MaxAttempts = 1 } },
            Sla = new SlaPolicy { Deadline = new DeadlineRule { Within = TimeSpan.FromHours(1) } },
        };
        var alerts = engine.Services.GetRequiredService<AlertStore>();
        var run = await engine.StartRunAsync(pipeline);
        var atRiskId = AlertIds.ForRun(run.RunId, AlertKind.DeadlineAtRisk);
        await Poll.GetAsync(() => alerts.GetAsync(atRiskId, default), a => a is not null,
            "the at-risk alert at the start");

        // Act
        fail.SetResult();
        await Poll.GetAsync(() => alerts.GetAsync(AlertIds.ForRun(run.RunId, AlertKind.TaskFailed, "extract"),
            default), a => a is not null, "the task-failed alert");
        var atRisk = await Poll.GetAsync(() => alerts.GetAsync(atRiskId, default), a => a?.ClearedAt is not null,
            "the at-risk alert to clear");

        // Assert
        Assert.Contains("back on track", atRisk!.ClearReason, StringComparison.Ordinal);
        Assert.Equal(Execution.RunStatus.Running, (await engine.Workflow.GetRunAsync(run.RunId, default))!.Run.Status);
    }
}
