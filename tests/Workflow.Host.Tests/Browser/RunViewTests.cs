using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Host.Tests.Browser;

/// <summary>A data engineer triggers pipelines in the browser and follows the runs: status, DAG, Gantt and logs.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class RunViewTests(DashboardFixture fixture)
{
    [Fact]
    public async Task A_data_engineer_triggers_the_weekly_report_and_reads_its_graph_timeline_and_log()
    {
        // Arrange
        var page = await fixture.NewPageAsync();
        var errors = new PageErrors(page);
        await DashboardPage.SignInAsync(page, "dana", "data-eng", "viewer", "operator");
        var row = page.Locator("[data-pipeline=\"weekly-report\"]");
        await Expect(row).ToContainTextAsync("0 6 * * MON (Europe/Berlin)");
        await fixture.ScreenshotAsync(page, "02-pipelines");

        // Act
        await page.GetByTestId("trigger-weekly-report").ClickAsync();

        // Assert: the run page opens and the run finishes.
        await Expect(page).ToHaveURLAsync(ManualRunUrl());
        await Expect(DashboardPage.RunStatus(page)).ToHaveAttributeAsync("data-status", "succeeded",
            new() { Timeout = 90_000 });

        // The DAG: seven partitions, aggregate, publish, all green; the critical path runs through one
        // partition, then aggregate and publish.
        var dag = page.GetByTestId("dag");
        await Expect(dag.Locator(".node")).ToHaveCountAsync(9);
        await Expect(dag.Locator(".node[data-status=\"succeeded\"]")).ToHaveCountAsync(9);
        await Expect(dag.Locator(".node[data-critical=\"true\"]")).ToHaveCountAsync(3);
        await Expect(DashboardPage.DagNode(page, "aggregate")).ToHaveAttributeAsync("data-critical", "true");
        await Expect(DashboardPage.DagNode(page, "publish")).ToHaveAttributeAsync("data-critical", "true");
        await Expect(dag.Locator(".edge.critical")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("critical-path")).ToContainTextAsync(new Regex(@"^Critical path: \S+ → aggregate → publish \("));
        await fixture.ScreenshotAsync(page, "03-run-graph");

        // The Gantt: one row and at least one bar per task.
        await page.GetByTestId("tab-gantt").ClickAsync();
        var gantt = page.GetByTestId("gantt");
        await Expect(gantt.Locator(".gantt-row")).ToHaveCountAsync(9);
        await Expect(gantt.Locator(".gantt-row.critical")).ToHaveCountAsync(3);
        Assert.True(await gantt.Locator(".bar").CountAsync() >= 9);
        await fixture.ScreenshotAsync(page, "04-run-gantt");

        // A task's log: the aggregate step prints how many distinct orders it merged.
        await gantt.Locator(".gantt-row[data-task=\"aggregate\"]").ClickAsync();
        var panel = page.GetByTestId("task-panel");
        await Expect(panel).ToHaveAttributeAsync("data-task", "aggregate");
        await Expect(panel.GetByTestId("log")).ToContainTextAsync(new Regex(@"distinct orders: \d+"));
        await page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
        await fixture.ScreenshotAsync(page, "05-task-log");
        Assert.Empty(errors.All);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_run_shows_running_until_its_gate_opens_then_succeeded_with_the_retry_on_the_timeline()
    {
        // Arrange: a pipeline whose middle task waits for a file the test creates, and a task that fails once.
        var (page, errors, gate) = await OperatorPageWithPipelineAsync("gate", TestPipelines.Gated);

        // Act
        await page.GetByTestId("trigger-browser-gate").ClickAsync();

        // Assert: running, with the waiting task running and its log followed.
        await Expect(DashboardPage.RunStatus(page)).ToHaveAttributeAsync("data-status", "running");
        var waiting = DashboardPage.DagNode(page, "wait-for-release");
        await Expect(waiting).ToHaveAttributeAsync("data-status", "running");
        await waiting.ClickAsync();
        var panel = page.GetByTestId("task-panel");
        await Expect(panel).ToHaveAttributeAsync("data-task", "wait-for-release");
        await Expect(panel.GetByTestId("follow")).ToBeCheckedAsync();
        await Expect(panel.GetByTestId("log")).ToContainTextAsync("waiting for release");
        await Expect(page.GetByTestId("cancel")).ToBeVisibleAsync();
        // The API's projected critical path: once flaky is done, the waiting task decides when load can start;
        // neither has a duration history yet, so the caption names them.
        await Expect(page.GetByTestId("critical-path")).ToContainTextAsync(
            "Critical path: extract → wait-for-release → load (finish not known yet, projected)",
            new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("critical-path")).ToContainTextAsync("no duration estimate yet for");
        await Expect(waiting).ToHaveAttributeAsync("data-critical", "true");
        await fixture.ScreenshotAsync(page, "06-run-running");

        await File.WriteAllTextAsync(Path.Combine(gate, "release"), "go");

        // The followed log receives the rest, and the run succeeds.
        await Expect(panel.GetByTestId("log")).ToContainTextAsync("released");
        await Expect(DashboardPage.RunStatus(page)).ToHaveAttributeAsync("data-status", "succeeded",
            new() { Timeout = 90_000 });
        await Expect(page.GetByTestId("cancel")).ToHaveCountAsync(0);

        // The timeline shows both attempts of the flaky task: the failed first and the successful retry.
        await page.GetByTestId("tab-gantt").ClickAsync();
        var flaky = page.GetByTestId("gantt").Locator(".gantt-row[data-task=\"flaky\"] .bar");
        await Expect(flaky).ToHaveCountAsync(2);
        await Expect(flaky.First).ToHaveAttributeAsync("data-status", "failed");
        await Expect(flaky.Last).ToHaveAttributeAsync("data-status", "succeeded");
        await page.GetByTestId("gantt").Locator(".gantt-row[data-task=\"flaky\"]").ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Tab, new() { Name = "Attempt 1" })).ToContainTextAsync("failed",
            new() { IgnoreCase = true });
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await fixture.ScreenshotAsync(page, "07-run-retry-timeline");
        Assert.Empty(errors.All);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_operator_cancels_a_waiting_run_then_reruns_its_unfinished_part_to_success()
    {
        // Arrange: a run that holds until a file appears.
        var (page, _, hold) = await OperatorPageWithPipelineAsync("hold", TestPipelines.Holding);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GetByTestId("trigger-browser-hold").ClickAsync();
        await Expect(DashboardPage.DagNode(page, "hold")).ToHaveAttributeAsync("data-status", "running");
        var firstRun = page.Url;

        // Act: cancel, then rerun the failed part.
        await page.GetByTestId("cancel").ClickAsync();
        await Expect(DashboardPage.RunStatus(page)).ToHaveAttributeAsync("data-status", "cancelled");
        await Expect(DashboardPage.DagNode(page, "prepare")).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(DashboardPage.DagNode(page, "hold")).Not.ToHaveAttributeAsync("data-status", "running");
        await fixture.ScreenshotAsync(page, "09-run-cancelled");
        await page.GetByTestId("rerun").ClickAsync();

        // Assert: a new run of trigger "rerun" that links back, and that finishes once the hold is released.
        await Expect(page).Not.ToHaveURLAsync(firstRun);
        await Expect(page.GetByTestId("run-facts")).ToContainTextAsync("Rerun");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "earlier run" })).ToBeVisibleAsync();
        await File.WriteAllTextAsync(Path.Combine(hold, "release"), "go");
        await Expect(DashboardPage.RunStatus(page)).ToHaveAttributeAsync("data-status", "succeeded",
            new() { Timeout = 90_000 });
        await Expect(DashboardPage.DagNode(page, "hold")).ToHaveAttributeAsync("data-status", "succeeded");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_run_view_asks_for_the_critical_path_again_only_when_the_run_changed()
    {
        // Arrange: a run that holds until a file appears, and a count of the page's requests.
        var (page, errors, hold) = await OperatorPageWithPipelineAsync("hold-poll", d =>
        {
            var pipeline = TestPipelines.Holding(d);
            pipeline["id"] = "browser-hold-poll";
            // Estimated, so its projection stands still while it runs (an unestimated running task ends "now").
            pipeline["tasks"]![1]!["expectedDuration"] = "1h";
            return pipeline;
        });
        var (details, paths) = (0, 0);
        page.Request += (_, request) =>
        {
            var path = new Uri(request.Url).AbsolutePath;
            if (path.EndsWith("/critical-path", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref paths);
            }
            else if (path.StartsWith("/api/runs/browser-hold-poll", StringComparison.Ordinal) && !path.Contains("/tasks/"))
            {
                Interlocked.Increment(ref details);
            }
        };
        await page.GetByTestId("trigger-browser-hold-poll").ClickAsync();
        await Expect(DashboardPage.DagNode(page, "hold")).ToHaveAttributeAsync("data-status", "running");
        await Expect(page.GetByTestId("critical-path")).ToContainTextAsync("hold");

        // Act: three more refreshes of a run in which nothing changes, then its end.
        var (pathsBefore, detailsBefore) = (Volatile.Read(ref paths), Volatile.Read(ref details));
        await Poll.UntilAsync(() => Volatile.Read(ref details) >= detailsBefore + 3, "three refreshes of the run");
        var pathsWhileUnchanged = Volatile.Read(ref paths) - pathsBefore;
        await File.WriteAllTextAsync(Path.Combine(hold, "release"), "go");
        await Expect(DashboardPage.RunStatus(page)).ToHaveAttributeAsync("data-status", "succeeded",
            new() { Timeout = 90_000 });

        // Assert
        Assert.Equal(0, pathsWhileUnchanged);
        Assert.True(Volatile.Read(ref paths) > pathsBefore, "the critical path is asked for again once the run changed");
        await Expect(page.GetByTestId("critical-path")).Not.ToContainTextAsync("projected");
        Assert.Empty(errors.All);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_long_log_opens_at_its_last_64_KB_with_a_notice_and_an_empty_one_says_so()
    {
        // Arrange: a task that writes about 150 KB between a first and a last marker, then one that writes nothing.
        var (page, errors, _) = await OperatorPageWithPipelineAsync("long-log", d => new JsonObject
        {
            ["id"] = "browser-long-log",
            ["ownerGroup"] = "data-eng",
            ["enabled"] = true,
            ["tasks"] = new JsonArray(
                TestPipelines.Shell(d, "chatty", "echo FIRST-MARKER; i=0; while [ $i -lt 2500 ]; do " +
                    "echo \"line $i of a long log, padded to about sixty bytes ......\"; i=$((i+1)); done; " +
                    "echo LAST-MARKER"),
                TestPipelines.Shell(d, "quiet", "true", "chatty")),
        });

        // Act
        await page.GetByTestId("trigger-browser-long-log").ClickAsync();
        await Expect(DashboardPage.RunStatus(page)).ToHaveAttributeAsync("data-status", "succeeded",
            new() { Timeout = 90_000 });
        await DashboardPage.DagNode(page, "chatty").ClickAsync();

        // Assert: the end of the log, with a notice that only part of it is shown, and its whole size.
        var panel = page.GetByTestId("task-panel");
        await Expect(panel).ToHaveAttributeAsync("data-task", "chatty");
        var log = panel.GetByTestId("log");
        await Expect(log).ToContainTextAsync("LAST-MARKER");
        await Expect(log).Not.ToContainTextAsync("FIRST-MARKER");
        await Expect(panel).ToContainTextAsync(new Regex(@"Showing the last 64\.0 KB of 1\d\d\.\d KB\."));
        await Expect(panel).ToContainTextAsync("complete");
        Assert.InRange((await log.InnerTextAsync()).Length, 60_000, 65_536);

        await DashboardPage.DagNode(page, "quiet").ClickAsync();
        await Expect(panel).ToHaveAttributeAsync("data-task", "quiet");
        await Expect(panel.GetByTestId("log")).ToHaveTextAsync("(this attempt wrote no log output)");
        Assert.Empty(errors.All);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_attempt_shows_its_priority_and_timeout_and_a_log_retention_removed_says_it_expired()
    {
        // Arrange: a task with a priority and a timeout whose log is then removed, as the retention purge does.
        var (page, errors, _) = await OperatorPageWithPipelineAsync("expired-log", d =>
        {
            var task = TestPipelines.Shell(d, "chatty", "echo SOON-GONE");
            task["priority"] = 3;
            task["timeout"] = "5m";
            return new JsonObject
            {
                ["id"] = "browser-expired-log",
                ["ownerGroup"] = "data-eng",
                ["enabled"] = true,
                ["retention"] = new JsonObject { ["runs"] = "2h", ["logs"] = "1h" },
                ["tasks"] = new JsonArray(task),
            };
        });
        await page.GetByTestId("trigger-browser-expired-log").ClickAsync();
        await Expect(DashboardPage.RunStatus(page)).ToHaveAttributeAsync("data-status", "succeeded",
            new() { Timeout = 90_000 });
        await DashboardPage.DagNode(page, "chatty").ClickAsync();
        var panel = page.GetByTestId("task-panel");
        await Expect(panel.GetByTestId("log")).ToContainTextAsync("SOON-GONE");
        var logs = Path.Combine(fixture.Host.DataDirectory, ".workflow", "logs");
        var runFolder = Assert.Single(Directory.GetDirectories(logs, "browser-expired-log*"));
        Directory.Delete(runFolder, recursive: true);

        // Act
        await page.ReloadAsync();
        await DashboardPage.DagNode(page, "chatty").ClickAsync();

        // Assert
        await Expect(panel.GetByTestId("attempt-priority")).ToHaveTextAsync("3");
        await Expect(panel.GetByTestId("attempt-timeout")).ToHaveTextAsync("5m 00s");
        await Expect(panel.GetByTestId("log")).ToContainTextAsync("(log expired) The log of attempt 1 of task 'chatty'");
        await Expect(panel).ToContainTextAsync("log expired");
        Assert.Empty(errors.All);
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Makes a folder in the host's data directory for a test pipeline's release file, posts the pipeline built for
    /// that folder as an editor, and opens a page signed in as dana, an operator of its group.
    /// </summary>
    private async Task<(IPage Page, PageErrors Errors, string Folder)> OperatorPageWithPipelineAsync(string folder,
        Func<string, JsonObject> pipeline)
    {
        var directory = Directory.CreateDirectory(Path.Combine(fixture.Host.DataDirectory, folder)).FullName;
        using (var api = new ApiClient(fixture.Host.BaseAddress))
        {
            var editor = await api.DevTokenAsync("erin", ["data-eng"], ["editor"]);
            await api.CreatePipelineAsync(editor, pipeline(directory));
        }

        var page = await fixture.NewPageAsync();
        var errors = new PageErrors(page);
        await DashboardPage.SignInAsync(page, "dana", "data-eng", "viewer", "operator");
        return (page, errors, directory);
    }

    [GeneratedRegex("#/runs/weekly-report%40manual-")]
    private static partial Regex ManualRunUrl();
}
