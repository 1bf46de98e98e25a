using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Host.Tests.Browser;

/// <summary>The page shows only what the API returns for the user's groups.</summary>
[Collection(DashboardCollection.Name)]
public sealed class GroupIsolationTests(DashboardFixture fixture)
{
    [Fact]
    public async Task A_user_of_another_group_sees_nothing_of_a_data_eng_run()
    {
        // Arrange: a data-eng run exists.
        using var api = new ApiClient(fixture.Host.BaseAddress);
        var dataEng = await api.DevTokenAsync("dana", ["data-eng"], ["operator"]);
        var runId = await api.TriggerAsync(dataEng, "weekly-report");
        var page = await fixture.NewPageAsync();

        // Act: someone of ops signs in.
        await DashboardPage.SignInAsync(page, "oscar", "ops", "viewer", "operator");

        // Assert: ops's own pipeline is listed, data-eng's is not.
        await Expect(page.Locator("[data-pipeline=\"small-jobs\"]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-pipeline=\"weekly-report\"]")).ToHaveCountAsync(0);

        // The runs list, even filtered to that pipeline, has nothing of it.
        await page.GotoAsync("/#/runs?pipeline=weekly-report");
        await Expect(page.GetByText("No runs match these filters")).ToBeVisibleAsync();
        await page.GotoAsync("/#/runs");
        await Expect(page.GetByTestId("runs").Or(page.GetByText("No runs yet"))).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-run=\"{runId}\"]")).ToHaveCountAsync(0);

        // A direct link to the run answers "not found", without any of its content.
        await page.GotoAsync($"/#/runs/{Uri.EscapeDataString(runId)}");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Run not found");
        await Expect(page.GetByTestId("dag")).ToHaveCountAsync(0);
        await fixture.ScreenshotAsync(page, "08-other-group-run-not-found");
        await page.Context.CloseAsync();

        // The run is real for its own group (and is let finish, so that it overlaps no later test).
        Assert.Equal("succeeded", await api.WaitForRunToFinishAsync(dataEng, runId, TimeSpan.FromSeconds(90)));
    }

    [Fact]
    public async Task A_viewer_sees_the_pipelines_without_trigger_or_enable_buttons()
    {
        // Arrange
        var page = await fixture.NewPageAsync();

        // Act
        await DashboardPage.SignInAsync(page, "vera", "data-eng", "viewer");

        // Assert
        await Expect(page.Locator("[data-pipeline=\"weekly-report\"]")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Trigger" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Disable" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
