using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Alerts;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Services;
using Workflow.Sla;
using static Workflow.Engine.Tests.Support.Pipelines;

namespace Workflow.Engine.Tests.Alerts;

public class SlaMonitorServiceTests
{
    [Fact]
    public async Task A_task_running_past_its_expected_duration_raises_slow_task_and_clears_when_it_finishes()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = WebhookReceiver.Up();
        await using var engine = await AlertTestHost.StartAsync(services: s => s.AddCodeHandler("Wait",
            async (_, _, token) =>
            {
                await release.Task.WaitAsync(token);
                return null;
            }));
        var definition = Define("slow-sla", Code("load", "Wait") with { ExpectedDuration = TimeSpan.FromMilliseconds(200) })
            with
        {
            Sla = new SlaPolicy { Channels = [new AlertChannel { Kind = AlertChannelKind.Slack, Url = receiver.Url }] },
        };
        var store = engine.Services.GetRequiredService<AlertStore>();

        var run = await engine.StartRunAsync(definition);
        var raised = await Poll.GetAsync(() => store.GetAsync($"{run.RunId}/slow-task/load", default),
            r => r is not null, "the slow-task alert");
        release.SetResult();
        Assert.Equal(RunStatus.Succeeded, await engine.WaitAsync(run.RunId));
        var cleared = await Poll.GetAsync(() => store.GetAsync($"{run.RunId}/slow-task/load", default),
            r => r?.ClearedAt is not null, "the slow-task alert to clear");
        await Poll.GetAsync(() => Task.FromResult(receiver.Received.Count), n => n >= 2,
            "the raise and the clear at the pipeline's Slack webhook");

        Assert.Equal(AlertKind.SlowTask, raised!.Alert.Kind);
        Assert.Equal("team", raised.Alert.OwnerGroup);
        Assert.Equal(TimeSpan.FromMilliseconds(200), raised.Alert.Threshold);
        Assert.Contains("finished (succeeded)", cleared!.ClearReason, StringComparison.Ordinal);
        Assert.Equal(["raised", "cleared"], receiver.Received.Select(r => r.GetProperty("event").GetString()));
    }

    [Fact]
    public async Task A_failing_task_raises_task_failed_and_run_failed_for_its_group()
    {
        await using var engine = await AlertTestHost.StartAsync(services: s => s.AddCodeHandler("Boom",
            (_, _, _) => throw new TaskFailureException(ErrorKinds.InvalidInput, "bad input row 7")));
        var store = engine.Services.GetRequiredService<AlertStore>();

        var run = await engine.StartRunAsync(Define("failing-sla", Code("parse", "Boom")));
        Assert.Equal(RunStatus.Failed, await engine.WaitAsync(run.RunId));
        var alerts = await Poll.GetAsync(
            () => store.ListAsync(new AlertQuery(PipelineId: "failing-sla", OwnerGroups: ["team"]), default),
            list => list.Count >= 2, "task-failed and run-failed alerts");

        Assert.Equal([AlertKind.TaskFailed, AlertKind.RunFailed], alerts.Select(a => a.Alert.Kind).Order());
        Assert.Equal("parse", alerts.Single(a => a.Alert.Kind == AlertKind.TaskFailed).Alert.TaskKey);
        Assert.Equal(DeliveryStatus.None, alerts[0].Delivery.Status);
        Assert.Empty(await store.ListAsync(new AlertQuery(OwnerGroups: ["someone-else"]), default));
    }

    [Fact]
    public async Task A_task_that_fails_every_attempt_leaves_its_final_alerts_open_and_its_retries_superseded()
    {
        // Arrange: three attempts that all fail, with a Slack webhook on the pipeline.
        await using var receiver = WebhookReceiver.Up();
        await using var engine = await AlertTestHost.StartAsync(services: s => s.AddCodeHandler("Boom",
            (_, _, _) => throw new TaskFailureException(ErrorKinds.Network, "connection reset")));
        var definition = Define("retrying-sla", Code("load", "Boom") with
        {
            Retry = new RetryPolicy { MaxAttempts = 3, InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero },
        }) with
        {
            Sla = new SlaPolicy { Channels = [new AlertChannel { Kind = AlertChannelKind.Slack, Url = receiver.Url }] },
        };
        var store = engine.Services.GetRequiredService<AlertStore>();

        // Act
        var run = await engine.StartRunAsync(definition);
        Assert.Equal(RunStatus.Failed, await engine.WaitAsync(run.RunId));
        var all = await Poll.GetAsync(
            () => store.ListAsync(new AlertQuery(PipelineId: "retrying-sla"), default),
            list => list.Count == 4 && list.Where(a => a.Alert.Kind == AlertKind.TaskRetrying)
                .All(a => a.ClearedAt is not null), "two retry alerts cleared beside task-failed and run-failed");
        await Poll.GetAsync(() => Task.FromResult(receiver.Received.Count), n => n >= 6,
            "four raises and two clears at the pipeline's Slack webhook");

        // Assert
        var active = await store.ListAsync(new AlertQuery(AlertListStatus.Active, "retrying-sla"), default);
        Assert.Equal([AlertKind.TaskFailed, AlertKind.RunFailed], active.Select(a => a.Alert.Kind).Order());
        Assert.All(all.Where(a => a.Alert.Kind == AlertKind.TaskRetrying),
            a => Assert.Equal(AlertKind.TaskFailed, a.SupersededBy));
        var clears = receiver.Received.Where(r => r.GetProperty("event").GetString() == "cleared").ToList();
        Assert.Equal(2, clears.Count);
        Assert.All(clears, c =>
        {
            Assert.StartsWith("⏭️ superseded by task-failed [task-retrying]", c.GetProperty("text").GetString(),
                StringComparison.Ordinal);
            Assert.Equal("task-failed", c.GetProperty("supersededBy").GetString());
        });
    }
}
