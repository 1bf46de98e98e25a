using System.Text.Json.Nodes;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Host.Tests.Browser;

/// <summary>An operator suspends a run in the browser, sees it held, and resumes it.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SuspendViewTests(DashboardFixture fixture)
{
    private static JsonObject HoldThenReport(string directory) => new()
    {
        ["id"] = "browser-suspend",
        ["ownerGroup"] = "data-eng",
        ["description"] = "Holds until a release file appears, then reports.",
        ["tasks"] = new JsonArray(
            TestPipelines.Shell(directory, "hold", "echo holding; while [ ! -f release ]; do sleep 0.1; done; echo released"),
            TestPipelines.Shell(directory, "report", "echo reported", "hold")),
    };

    [Fact]
    public async Task An_operator_suspends_a_run_its_running_task_finishes_the_next_waits_and_resume_completes_it()
    {
        // Arrange: a run whose first task holds until a file appears.
        var directory = Directory.CreateDirectory(Path.Combine(fixture.Host.DataDirectory, "suspend")).FullName;
        using (var api = new ApiClient(fixture.Host.BaseAddress))
        {
            await api.CreatePipelineAsync(await api.DevTokenAsync("erin", ["data-eng"], ["editor"]), HoldThenReport(directory));
        }

        var page = await fixture.NewPageAsync();
        var errors = new PageErrors(page);
        await DashboardPage.SignInAsync(page, "dana", "data-eng", "viewer", "operator");
        await page.GetByTestId("trigger-browser-suspend").ClickAsync();
        await Expect(DashboardPage.DagNode(page, "hold")).ToHaveAttributeAsync("data-status", "running");

        // Act: suspend, let the running task finish, then resume.
        await page.GetByTestId("suspend").ClickAsync();
        await Expect(DashboardPage.RunStatus(page)).ToHaveAttributeAsync("data-status", "suspended");
        await Expect(page.GetByTestId("suspended-notice")).ToBeVisibleAsync();
        await File.WriteAllTextAsync(Path.Combine(directory, "release"), "go");
        await Expect(DashboardPage.DagNode(page, "hold")).ToHaveAttributeAsync("data-status", "succeeded",
            new() { Timeout = 30_000 });
        var held = await DashboardPage.DagNode(page, "report").GetAttributeAsync("data-status");
        var stillSuspended = await DashboardPage.RunStatus(page).GetAttributeAsync("data-status");
        await fixture.ScreenshotAsync(page, "40-run-suspended");
        await page.GetByTestId("resume").ClickAsync();

        // Assert: held while suspended (a task's end and its child's start are one commit), done after the resume.
        Assert.Equal("pending", held);
        Assert.Equal("suspended", stillSuspended);
        await Expect(DashboardPage.RunStatus(page)).ToHaveAttributeAsync("data-status", "succeeded",
            new() { Timeout = 90_000 });
        await Expect(DashboardPage.DagNode(page, "report")).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(page.GetByTestId("suspended-notice")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("resume")).ToHaveCountAsync(0);
        await fixture.ScreenshotAsync(page, "41-run-resumed");
        Assert.Empty(errors.All);
        await page.Context.CloseAsync();
    }
}
