using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Host.Tests.Browser;

/// <summary>"Rerun from here" on a task of a finished run: a new run that keeps what is upstream and reruns the rest.</summary>
[Collection(DashboardCollection.Name)]
public sealed class RerunFromTaskViewTests(DashboardFixture fixture)
{
    [Fact]
    public async Task An_operator_reruns_a_succeeded_run_from_a_task_and_a_viewer_is_not_offered_it()
    {
        // Arrange: extract → clean → load, run to success through the API.
        var directory = Directory.CreateDirectory(Path.Combine(fixture.Host.DataDirectory, "rerun-from")).FullName;
        string first;
        using (var api = new ApiClient(fixture.Host.BaseAddress))
        {
            var editor = await api.DevTokenAsync("erin", ["data-eng"], ["editor"]);
            await api.CreatePipelineAsync(editor, new JsonObject
            {
                ["id"] = "browser-rerun-from",
                ["ownerGroup"] = "data-eng",
                ["tasks"] = new JsonArray(TestPipelines.Shell(directory, "extract", "echo extracted"),
                    TestPipelines.Shell(directory, "clean", "echo cleaned", "extract"),
                    TestPipelines.Shell(directory, "load", "echo loaded", "clean")),
            });
            first = await api.TriggerAsync(editor, "browser-rerun-from");
            Assert.Equal("succeeded", await api.WaitForRunToFinishAsync(editor, first, TimeSpan.FromSeconds(90)));
        }

        var viewer = await fixture.NewPageAsync();
        await DashboardPage.SignInAsync(viewer, "vic", "data-eng", "viewer");
        await viewer.GotoAsync($"/#/runs/{Uri.EscapeDataString(first)}?task=clean");
        await Expect(viewer.GetByTestId("task-panel")).ToHaveAttributeAsync("data-task", "clean");
        var offeredToViewer = await viewer.GetByTestId("rerun-from").CountAsync();
        await viewer.Context.CloseAsync();
        var page = await fixture.NewPageAsync();
        var errors = new PageErrors(page);
        await DashboardPage.SignInAsync(page, "dana", "data-eng", "viewer", "operator");
        await page.GotoAsync($"/#/runs/{Uri.EscapeDataString(first)}");
        await Expect(DashboardPage.RunStatus(page)).ToHaveAttributeAsync("data-status", "succeeded");

        // Act: select clean in the graph and rerun from it.
        await DashboardPage.DagNode(page, "clean").ClickAsync();
        var panel = page.GetByTestId("task-panel");
        await Expect(panel).ToHaveAttributeAsync("data-task", "clean");
        await fixture.ScreenshotAsync(page, "rerun-from-task");
        await panel.GetByTestId("rerun-from").ClickAsync();

        // Assert: the new run opens, links back, and runs clean and load again while extract is kept (no attempt).
        await Expect(page.Locator(".page-header .subtitle")).Not.ToHaveTextAsync(first);
        await Expect(page.GetByTestId("run-facts")).ToContainTextAsync("Rerun");
        await Expect(DashboardPage.RunStatus(page)).ToHaveAttributeAsync("data-status", "succeeded",
            new() { Timeout = 90_000 });
        await DashboardPage.DagNode(page, "extract").ClickAsync();
        await Expect(panel).ToHaveAttributeAsync("data-task", "extract");
        await Expect(panel.Locator(".task-head")).ToContainTextAsync("0 attempts");
        await DashboardPage.DagNode(page, "load").ClickAsync();
        await Expect(panel).ToHaveAttributeAsync("data-task", "load");
        await Expect(panel.Locator(".task-head")).ToContainTextAsync("1 attempt");
        await Expect(panel.GetByTestId("log")).ToContainTextAsync("loaded");
        Assert.Equal(0, offeredToViewer);
        Assert.Empty(errors.All);
        await page.Context.CloseAsync();
    }
}
