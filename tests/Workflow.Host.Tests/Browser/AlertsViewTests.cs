using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// The Alerts view against alerts the real host raises: a failing task, and a run that overruns its expected
/// duration and its deadline. The user acknowledges from the page; the SLA monitor clears what passes.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class AlertsViewTests(DashboardFixture fixture)
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task An_operator_sees_a_failed_task_alert_of_the_group_and_acknowledges_it_from_the_page()
    {
        // Arrange: a failing pipeline in data-eng and one in ops, each run to its end.
        using var api = new ApiClient(fixture.Host.BaseAddress);
        var dataEng = await api.DevTokenAsync("dana", ["data-eng"], ["editor"]);
        var ops = await api.DevTokenAsync("oscar", ["ops"], ["editor"]);
        await api.CreatePipelineAsync(dataEng, Failing("browser-alert-fail", "data-eng"));
        await api.CreatePipelineAsync(ops, Failing("browser-alert-ops", "ops"));
        var runId = await api.TriggerAsync(dataEng, "browser-alert-fail");
        var opsRunId = await api.TriggerAsync(ops, "browser-alert-ops");
        Assert.Equal("failed", await api.WaitForRunToFinishAsync(dataEng, runId, RunDeadline));
        Assert.Equal("failed", await api.WaitForRunToFinishAsync(ops, opsRunId, RunDeadline));
        var taskAlertId = $"{runId}/task-failed/break";
        await api.WaitForAlertAsync(ops, $"{opsRunId}/task-failed/break", RunDeadline);
        var taskAlert = await api.WaitForAlertAsync(dataEng, taskAlertId, RunDeadline);
        var raisedAt = taskAlert.GetProperty("raisedAt").GetString();
        var page = await fixture.NewPageAsync();
        var errors = new PageErrors(page);
        await DashboardPage.SignInAsync(page, "dana", "data-eng", "viewer", "operator");

        // Act
        await page.GetByRole(AriaRole.Link, new() { Name = "Alerts" }).ClickAsync();

        // Assert: the task's alert, with its kind, pipeline, run link and time; and the run's own failure.
        var row = AlertRow(page, taskAlertId);
        await Expect(row).ToHaveAttributeAsync("data-state", "open");
        await Expect(row.Locator("td.kind")).ToHaveTextAsync("Task failed");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = "browser-alert-fail", Exact = true }))
            .ToBeVisibleAsync();
        await Expect(row.GetByTestId("alert-run")).ToHaveTextAsync($"{runId} · break");
        await Expect(row.Locator("time")).ToHaveAttributeAsync("datetime", raisedAt!);
        await Expect(row).ToContainTextAsync("exited with code 3");
        await Expect(AlertRow(page, $"{runId}/run-failed").Locator("td.kind")).ToHaveTextAsync("Run failed");
        await Expect(page.Locator("#alert-count")).ToBeVisibleAsync();

        // Nothing of the ops pipeline, though its alert is real.
        await Expect(page.Locator($"[data-alert^=\"{opsRunId}\"]")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("alerts")).Not.ToContainTextAsync("browser-alert-ops");
        await fixture.ScreenshotAsync(page, "10-alerts-open");

        // The run link opens the failed run at the failed task.
        await row.GetByTestId("alert-run").ClickAsync();
        await Expect(DashboardPage.RunStatus(page)).ToHaveAttributeAsync("data-status", "failed");
        await Expect(page.GetByTestId("task-panel")).ToHaveAttributeAsync("data-task", "break");
        await page.GoBackAsync();

        // Acknowledging takes it off the open list, onto the acknowledged one, and out of the header's count.
        await AlertRow(page, taskAlertId).GetByTestId("ack").ClickAsync();
        await Expect(AlertRow(page, taskAlertId)).ToHaveCountAsync(0);
        await page.GetByLabel("Alert state").SelectOptionAsync("acked");
        await Expect(AlertRow(page, taskAlertId)).ToHaveAttributeAsync("data-state", "acked");
        await Expect(AlertRow(page, taskAlertId).Locator("td.alert-state")).ToContainTextAsync("acknowledged by dana");
        await Expect(AlertRow(page, taskAlertId).GetByTestId("ack")).ToHaveCountAsync(0);
        var stored = await api.GetJsonAsync(dataEng, $"api/alerts/{Uri.EscapeDataString(taskAlertId)}");
        Assert.Equal("dana", stored.GetProperty("ackedBy").GetString());
        await HeaderCountMatchesTheApiAsync(page, api, dataEng);
        await fixture.ScreenshotAsync(page, "11-alerts-acknowledged");
        Assert.Empty(errors.All);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_run_past_its_expected_duration_and_deadline_shows_SLA_alerts_and_the_passing_ones_clear()
    {
        // Arrange: a run expected to take 1s and due within 20s (room for its monitor to start and warn before the
        // deadline on a loaded machine: the at-risk alert below is raised only before it), that holds until the test releases it; a side task fails, so that there is a failure
        // alert to filter out.
        var folder = Directory.CreateDirectory(Path.Combine(fixture.Host.DataDirectory, "alert-sla")).FullName;
        using var api = new ApiClient(fixture.Host.BaseAddress);
        var editor = await api.DevTokenAsync("erin", ["data-eng"], ["editor", "operator"]);
        await api.CreatePipelineAsync(editor, Overrunning(folder));
        var page = await fixture.NewPageAsync();
        var errors = new PageErrors(page);
        await DashboardPage.SignInAsync(page, "dana", "data-eng", "viewer", "operator");

        // Act
        var runId = await api.TriggerAsync(editor, "browser-alert-sla");
        await page.GotoAsync("/#/alerts");

        // Assert: both overruns show as open SLA alerts while the run is still running.
        var slow = AlertRow(page, $"{runId}/slow-run");
        var missed = AlertRow(page, $"{runId}/deadline-missed");
        await Expect(slow).ToHaveAttributeAsync("data-state", "open", new() { Timeout = 60_000 });
        await Expect(missed).ToHaveAttributeAsync("data-state", "open", new() { Timeout = 60_000 });
        await Expect(slow.Locator("td.kind")).ToHaveTextAsync("Slow run");
        await Expect(missed.Locator("td.kind")).ToHaveTextAsync("Deadline missed");
        await Expect(missed).ToContainTextAsync("critical");
        var failed = AlertRow(page, $"{runId}/task-failed/side");
        await Expect(failed).ToBeVisibleAsync();
        await page.Locator(".alert-card.cat-sla").ClickAsync();
        await Expect(page.Locator(".alert-card.cat-sla")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(slow).ToBeVisibleAsync();
        await Expect(missed).ToBeVisibleAsync();
        await Expect(failed).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-alert][data-kind=\"task-failed\"]")).ToHaveCountAsync(0);
        await fixture.ScreenshotAsync(page, "12-alerts-sla");

        // The run ends: the slow-run alert clears by itself; the missed deadline stays for someone to acknowledge.
        await File.WriteAllTextAsync(Path.Combine(folder, "release"), "go");
        Assert.Equal("failed", await api.WaitForRunToFinishAsync(editor, runId, RunDeadline));
        await Expect(slow).ToHaveCountAsync(0);
        await Expect(missed).ToHaveAttributeAsync("data-state", "open");

        // The cleared list says when and why: the run finished, and the at-risk warning was superseded.
        await page.GetByLabel("Alert state").SelectOptionAsync("cleared");
        await Expect(slow).ToHaveAttributeAsync("data-state", "cleared");
        await Expect(slow.Locator("td.alert-state")).ToContainTextAsync("finished (failed)");
        var atRisk = AlertRow(page, $"{runId}/deadline-at-risk");
        await Expect(atRisk.Locator("td.alert-state")).ToContainTextAsync("Superseded: the deadline has passed.");
        await Expect(slow.GetByTestId("ack")).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("status=cleared"));

        // "All" is kept in the link: after a reload the open and the cleared alerts are both there.
        await page.GetByLabel("Alert state").SelectOptionAsync("all");
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Alert state")).ToHaveValueAsync("all");
        await Expect(slow).ToHaveAttributeAsync("data-state", "cleared");
        await Expect(missed).ToHaveAttributeAsync("data-state", "open");
        Assert.Empty(errors.All);
        await page.Context.CloseAsync();
    }

    private static ILocator AlertRow(IPage page, string alertId) =>
        page.GetByTestId("alerts").Locator($"tr[data-alert=\"{alertId}\"]");

    /// <summary>
    /// The header's count of open alerts equals what the API answers for the user, asked again until both agree
    /// or the deadline passes (an alert of an unrelated run may land in between).
    /// </summary>
    private static async Task HeaderCountMatchesTheApiAsync(IPage page, ApiClient api, string token)
    {
        var badge = page.Locator("#alert-count");
        await Poll.GetAsync(async () =>
            {
                var open = (await api.GetJsonAsync(token, "api/alerts?status=open")).GetArrayLength();
                var expected = open == 0 ? "" : open.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var shown = await badge.IsVisibleAsync() ? (await badge.TextContentAsync() ?? "").Trim() : "";
                return (Expected: expected, Shown: shown);
            },
            counts => counts.Shown == counts.Expected, "the header's count of open alerts to match the API's",
            TimeSpan.FromSeconds(30), counts => $"the header shows '{counts.Shown}', the API answers '{counts.Expected}'");
    }

    private static JsonObject Failing(string id, string group) => new()
    {
        ["id"] = id,
        ["ownerGroup"] = group,
        ["description"] = "Its only task fails.",
        ["tasks"] = new JsonArray(new JsonObject
        {
            ["id"] = "break",
            ["kind"] = "process",
            ["config"] = new JsonObject { ["command"] = "sh", ["args"] = new JsonArray("-c", "echo breaking; exit 3") },
        }),
    };

    private static JsonObject Overrunning(string directory) => new()
    {
        ["id"] = "browser-alert-sla",
        ["ownerGroup"] = "data-eng",
        ["description"] = "Expected to take 1s and due within 20s; holds until released; a side task fails.",
        ["sla"] = new JsonObject
        {
            ["expectedDuration"] = "1s",
            ["deadline"] = new JsonObject { ["within"] = "20s" },
        },
        ["tasks"] = new JsonArray(
            TestPipelines.Shell(directory, "hold", "echo holding; while [ ! -f release ]; do sleep 0.1; done"),
            TestPipelines.Shell(directory, "side", "echo side step fails; exit 4")),
    };
}
