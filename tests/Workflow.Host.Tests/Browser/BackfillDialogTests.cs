using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// The backfill form on the pipelines view: a range over the limit is refused with the server's count, a good
/// range starts one run per day and the dialog follows the progress to the end; an ended schedule shows expired.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class BackfillDialogTests(DashboardFixture fixture)
{
    private static JsonObject Daily(string id, string? end = null)
    {
        var schedule = new JsonObject { ["name"] = "daily", ["kind"] = "cron", ["cron"] = "0 2 * * *" };
        if (end is not null)
        {
            schedule["end"] = end;
        }

        return new JsonObject
        {
            ["id"] = id,
            ["ownerGroup"] = "data-eng",
            ["schedules"] = new JsonArray(schedule),
            ["tasks"] = new JsonArray(new JsonObject
            {
                ["id"] = "only",
                ["kind"] = "process",
                ["config"] = new JsonObject { ["command"] = "true" },
            }),
        };
    }

    [Fact]
    public async Task The_backfill_form_starts_one_run_per_day_and_follows_the_progress_to_the_end()
    {
        // Arrange
        using var api = new ApiClient(fixture.Host.BaseAddress);
        var editor = await api.DevTokenAsync("erin", ["data-eng"], ["editor", "operator"]);
        await api.CreatePipelineAsync(editor, Daily("browser-backfill"));
        await api.CreatePipelineAsync(editor, Daily("browser-expired", end: "2020-01-01T00:00:00Z"));
        var page = await fixture.NewPageAsync();
        var errors = new PageErrors(page);
        await DashboardPage.SignInAsync(page, "dana", "data-eng", "viewer", "operator");

        // Act: first a range far too long, then three days.
        await page.GetByTestId("backfill-browser-backfill").ClickAsync();
        var dialog = page.GetByTestId("backfill-dialog");
        await dialog.GetByLabel("From (UTC)").FillAsync("2020-01-01T00:00");
        await dialog.GetByLabel("To (UTC)").FillAsync("2026-01-01T00:00");
        await dialog.GetByTestId("backfill-submit").ClickAsync();
        await Expect(dialog.GetByTestId("backfill-error")).ToContainTextAsync("2,192 occurrences");
        await dialog.GetByLabel("From (UTC)").FillAsync("2026-03-01T00:00");
        await dialog.GetByLabel("To (UTC)").FillAsync("2026-03-03T23:59");
        await dialog.GetByLabel("Runs at once").FillAsync("3");
        await dialog.GetByTestId("backfill-submit").ClickAsync();

        // Assert
        await Expect(dialog.GetByTestId("backfill-progress")).ToContainTextAsync("3/3 started (0 already run) · 3 succeeded",
            new() { Timeout = 90_000 });
        await Expect(dialog.GetByTestId("backfill-progress")).ToContainTextAsync("done");
        await fixture.ScreenshotAsync(page, "20-backfill-dialog");
        var runs = await api.GetJsonAsync(editor, "api/runs?pipeline=browser-backfill");
        Assert.Equal(3, runs.GetProperty("items").GetArrayLength());
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(page.Locator("[data-pipeline=\"browser-expired\"] [data-testid=\"schedule-state\"]"))
            .ToHaveTextAsync("expired");
        Assert.Empty(errors.All);
    }
}
