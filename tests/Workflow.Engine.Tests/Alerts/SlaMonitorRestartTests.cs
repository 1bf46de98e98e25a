using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Alerts;
using Workflow.Engine.Tests.Support;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Services;
using Workflow.Sla;
using static Workflow.Engine.Tests.Support.Pipelines;

namespace Workflow.Engine.Tests.Alerts;

/// <summary>SLA monitors are saved with the engine's state and carry on after the host restarts.</summary>
public sealed class SlaMonitorRestartTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    /// <summary>One task, expected to take 10 minutes, in a run that must finish within the hour.</summary>
    private static PipelineDefinition Hourly(string id) =>
        Define(id, Code("load", "hold") with { ExpectedDuration = TimeSpan.FromMinutes(10) }) with
        {
            Sla = new SlaPolicy { Deadline = new DeadlineRule { Within = TimeSpan.FromHours(1) } },
        };

    private static Task<TestEngine> StartAsync(FakeTimeProvider clock, string? data = null,
        Action<IServiceCollection>? more = null) =>
        TestEngine.StartAsync(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            more?.Invoke(s);
            s.AddCodeHandler("hold", async (_, _, token) =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return null;
            });
            // Saved after every round (not first a save interval after the run started), so that a test can wait
            // for the save without moving the manual clock.
            s.AddWorkflowAlerts(o =>
            {
                o.MonitorPollInterval = TimeSpan.FromSeconds(5);
                o.MonitorSaveInterval = TimeSpan.Zero;
            });
        }, data);

    [Fact]
    public async Task A_run_active_across_a_restart_gets_its_at_risk_and_missed_alerts_once_each()
    {
        // Arrange: the task runs past its 10 minutes before the restart, so slow-task is raised by the first host.
        var clock = new FakeTimeProvider(T0);
        var data = TempDirectory.Create();
        string runId;
        var slow = "";
        await using (var first = await StartAsync(clock, data))
        {
            runId = (await first.StartRunAsync(Hourly("sla-restart"))).RunId;
            slow = AlertIds.ForRun(runId, AlertKind.SlowTask, "load");
            await WaitForRunningAttemptAsync(first, runId);
            await Poll.GetAsync(() => SavedStateAsync(data, runId), s => s is not null, "the monitor to be saved");
            clock.Advance(TimeSpan.FromMinutes(20));
            await Poll.GetAsync(() => Alerts(first).GetAsync(slow, default), a => a is not null,
                "the slow-task alert");
            await Poll.GetAsync(() => SavedStateAsync(data, runId), s => s?.Contains(slow) == true,
                "the monitor to be saved with its open slow-task alert");
        }

        // Act: a new host on the same data directory; the clock moves on to past the deadline in two steps.
        await using var second = await StartAsync(clock, data);
        await WaitForRunningAttemptAsync(second, runId);
        await Poll.GetAsync(() => Task.FromResult(Monitors(second).ActiveMonitors), n => n == 1,
            "the monitor to be restored");
        var atRiskId = AlertIds.ForRun(runId, AlertKind.DeadlineAtRisk);
        var missedId = AlertIds.ForRun(runId, AlertKind.DeadlineMissed);
        clock.Advance(TimeSpan.FromMinutes(30));
        var atRisk = await Poll.GetAsync(() => Alerts(second).GetAsync(atRiskId, default), a => a is not null,
            "the deadline-at-risk alert after the restart");
        clock.Advance(TimeSpan.FromMinutes(15));
        var missed = await Poll.GetAsync(() => Alerts(second).GetAsync(missedId, default), a => a is not null,
            "the deadline-missed alert after the restart");
        var slowAfter = await Alerts(second).GetAsync(slow, default);
        // An alert is stored before it is logged: wait for both log lines before counting them.
        await Poll.UntilAsync(() => RaisedLines(second, atRiskId) > 0 && RaisedLines(second, missedId) > 0,
            "the at-risk and missed alerts to be logged");

        // Assert
        Assert.Equal(T0 + TimeSpan.FromMinutes(50), atRisk!.Alert.RaisedAt);
        Assert.Equal(1, missed!.RaiseCount);
        Assert.Equal(T0 + TimeSpan.FromHours(1), missed.Alert.Deadline);
        Assert.Equal(1, (await Alerts(second).GetAsync(atRiskId, default))!.RaiseCount);
        Assert.Equal(1, slowAfter!.RaiseCount);
        Assert.Null(slowAfter.ClearedAt);
        Assert.DoesNotContain(second.Logs.Entries, e => (e.EventId is Log.Ids.AlertRaised or Log.Ids.TaskAlertRaised) && e.Message.Contains(slow, StringComparison.Ordinal));
        Assert.Equal(1, RaisedLines(second, atRiskId));
        Assert.Equal(1, RaisedLines(second, missedId));
    }

    [Fact]
    public async Task A_run_that_ended_while_its_monitor_was_down_is_finished_and_its_monitor_forgotten()
    {
        // Arrange: a saved monitor for a run, and the run then ends late without the monitor hearing of it.
        var clock = new FakeTimeProvider(T0);
        var data = TempDirectory.Create();
        string runId;
        await using (var first = await StartAsync(clock, data))
        {
            runId = (await first.StartRunAsync(Hourly("sla-ended"))).RunId;
            await WaitForRunningAttemptAsync(first, runId);
            await Poll.GetAsync(() => SavedStateAsync(data, runId), s => s is not null, "the monitor to be saved");
        }

        await using (var connection = Open(data))
        {
            await using var end = connection.CreateCommand();
            end.CommandText = "UPDATE runs SET status = 'succeeded', finished_at = $at WHERE run_id = $run;";
            end.Parameters.AddWithValue("$at", (T0 + TimeSpan.FromHours(2)).ToUnixTimeMilliseconds());
            end.Parameters.AddWithValue("$run", runId);
            await end.ExecuteNonQueryAsync();
        }

        // Act
        clock.Advance(TimeSpan.FromHours(2));
        await using var second = await StartAsync(clock, data);
        var missed = await Poll.GetAsync(
            () => Alerts(second).GetAsync(AlertIds.ForRun(runId, AlertKind.DeadlineMissed), default),
            a => a is not null, "the deadline-missed alert of the run that ended late");
        await Poll.GetAsync(() => SavedStateAsync(data, runId), s => s is null, "the saved monitor to go");

        // Assert
        Assert.Contains("finished 1h late", missed!.Alert.Message, StringComparison.Ordinal);
        Assert.Equal(0, Monitors(second).ActiveMonitors);
    }

    [Fact]
    public async Task An_active_run_whose_monitor_was_never_saved_gets_a_new_one_after_a_restart()
    {
        // Arrange: the host stops before the monitor is saved (as a crash right after the run started would).
        var clock = new FakeTimeProvider(T0);
        var data = TempDirectory.Create();
        string runId;
        await using (var first = await StartAsync(clock, data))
        {
            runId = (await first.StartRunAsync(Hourly("sla-unsaved"))).RunId;
            await WaitForRunningAttemptAsync(first, runId);
            await Poll.GetAsync(() => SavedStateAsync(data, runId), s => s is not null, "the monitor to be saved");
        }

        await using (var connection = Open(data))
        {
            await using var forget = connection.CreateCommand();
            forget.CommandText = "DELETE FROM sla_monitors;";
            await forget.ExecuteNonQueryAsync();
        }

        // Act
        await using var second = await StartAsync(clock, data);
        await Poll.GetAsync(() => Task.FromResult(Monitors(second).ActiveMonitors), n => n == 1,
            "a monitor for the active run");
        clock.Advance(TimeSpan.FromMinutes(61));
        var missed = await Poll.GetAsync(
            () => Alerts(second).GetAsync(AlertIds.ForRun(runId, AlertKind.DeadlineMissed), default),
            a => a is not null, "the deadline-missed alert");

        // Assert
        Assert.Equal(T0 + TimeSpan.FromHours(1), missed!.Alert.Deadline);
        Assert.Equal(1, missed.RaiseCount);
    }

    [Fact]
    public async Task An_attempt_end_the_monitor_missed_before_the_restart_is_caught_up_from_the_store()
    {
        // Arrange: "first" runs past its 10 minutes (slow-task raised), then the monitor stops listening, and only
        // then does "first" succeed, so the monitor's saved state still holds it as running.
        var clock = new FakeTimeProvider(T0);
        var data = TempDirectory.Create();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pipeline = Define("sla-catch-up",
                Code("first", "release") with { ExpectedDuration = TimeSpan.FromMinutes(10) },
                Code("second", "hold", null, "first") with { ExpectedDuration = TimeSpan.FromMinutes(10) }) with
        {
            Sla = new SlaPolicy { Deadline = new DeadlineRule { Within = TimeSpan.FromHours(5) } },
        };
        string runId;
        string slow;
        await using (var first = await StartAsync(clock, data, s => s.AddCodeHandler("release", async (_, _, token) =>
                     {
                         await release.Task.WaitAsync(token);
                         return null;
                     })))
        {
            runId = (await first.StartRunAsync(pipeline)).RunId;
            slow = AlertIds.ForRun(runId, AlertKind.SlowTask, "first");
            await WaitForRunningAttemptAsync(first, runId);
            await Poll.GetAsync(() => SavedStateAsync(data, runId), s => s is not null, "the monitor to be saved");
            clock.Advance(TimeSpan.FromMinutes(20));
            await Poll.GetAsync(() => SavedStateAsync(data, runId), s => s?.Contains(slow) == true,
                "the monitor to be saved with its open slow-task alert");
            await Monitors(first).StopAsync(CancellationToken.None);
            release.SetResult();
            await Poll.UntilAsync(async () => (await first.Workflow.ListAttemptsAsync(runId, "second",
                CancellationToken.None)).Count > 0, "the second task to be started");
        }

        // Act
        await using var second = await StartAsync(clock, data);
        var cleared = await Poll.GetAsync(() => Alerts(second).GetAsync(slow, default),
            a => a?.ClearedAt is not null, "the slow-task alert of the task that ended unseen to clear");

        // Assert
        Assert.Contains("finished (succeeded)", cleared!.ClearReason, StringComparison.Ordinal);
        Assert.Equal(T0 + TimeSpan.FromMinutes(20), cleared.ClearedAt);
    }

    [Fact]
    public async Task A_retry_notification_the_monitor_had_not_heard_when_the_host_stopped_is_raised_after_the_restart()
    {
        // Arrange: the monitor stops listening, then the task's first attempt fails and the run decider schedules
        // a retry (ten minutes away on the manual clock): the notification is committed but never reaches the monitor.
        var clock = new FakeTimeProvider(T0);
        var data = TempDirectory.Create();
        var fail = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pipeline = Define("sla-retry-lost", Code("flaky", "fail-first") with
        {
            Retry = new RetryPolicy { MaxAttempts = 3, InitialDelay = TimeSpan.FromMinutes(10) },
        }) with
        {
            Sla = new SlaPolicy { Deadline = new DeadlineRule { Within = TimeSpan.FromHours(5) } },
        };
        string runId;
        await using (var first = await StartAsync(clock, data, s => s.AddCodeHandler("fail-first", async (_, _, token) =>
                     {
                         await fail.Task.WaitAsync(token);
                         throw new InvalidOperationException("first attempt fails");
                     })))
        {
            runId = (await first.StartRunAsync(pipeline)).RunId;
            await WaitForRunningAttemptAsync(first, runId);
            await Poll.GetAsync(() => SavedStateAsync(data, runId), s => s is not null, "the monitor to be saved");
            await Monitors(first).StopAsync(CancellationToken.None);
            fail.SetResult();
            await Poll.UntilAsync(async () => (await first.Workflow.ListAttemptsAsync(runId, "flaky",
                CancellationToken.None)).Any(a => a.Status == Execution.TaskStatus.Failed), "the first attempt to fail");
        }

        var retrying = AlertIds.ForRun(runId, AlertKind.TaskRetrying, "flaky", 1);
        Assert.DoesNotContain(retrying, await SavedStateAsync(data, runId), StringComparison.Ordinal);

        // Act
        await using var second = await StartAsync(clock, data);
        var raised = await Poll.GetAsync(() => Alerts(second).GetAsync(retrying, default), a => a is not null,
            "the task-retrying alert of the notification the first host's monitor never heard");
        await Poll.GetAsync(() => SavedStateAsync(data, runId), s => s?.Contains(retrying) == true,
            "the monitor to be saved with the retry alert open");

        // Assert
        Assert.Equal(1, raised!.RaiseCount);
        Assert.Equal(1, raised.Alert.Attempt);
        Assert.Null(raised.ClearedAt);
    }

    private static int RaisedLines(TestEngine engine, string alertId) => engine.Logs.Entries.Count(e =>
        e.EventId == Log.Ids.AlertRaised && e.Message.Contains(alertId, StringComparison.Ordinal));

    private static AlertStore Alerts(TestEngine engine) => engine.Services.GetRequiredService<AlertStore>();

    private static SlaMonitorService Monitors(TestEngine engine) =>
        engine.Services.GetRequiredService<SlaMonitorService>();

    private static Task WaitForRunningAttemptAsync(TestEngine engine, string runId) =>
        Poll.UntilAsync(async () => (await engine.Workflow.ListAttemptsAsync(runId, null, CancellationToken.None))
            .Any(a => a.Status == Execution.TaskStatus.Running), "the attempt to be running");

    /// <summary>The monitor's saved state as stored, or null when there is no row.</summary>
    private static async Task<string?> SavedStateAsync(string data, string runId)
    {
        await using var connection = Open(data);
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT state FROM sla_monitors WHERE run_id = $run;";
        query.Parameters.AddWithValue("$run", runId);
        return await query.ExecuteScalarAsync() as string;
    }

    private static SqliteConnection Open(string data)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(data, "workflow.db"),
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        using var busy = connection.CreateCommand();
        busy.CommandText = "PRAGMA busy_timeout = 30000;";
        busy.ExecuteNonQuery();
        return connection;
    }
}
