using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// The pipeline page (schedules with their state and next fire times, the definition at any version, the diff of two
/// versions, recent runs) and the audit page, as a user opens them from the pipelines list and the navigation.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class PipelinePageTests(DashboardFixture fixture)
{
    [Fact]
    public async Task A_pipeline_page_shows_schedules_versions_with_their_diff_and_runs_and_admins_see_the_audit()
    {
        // Arrange: two versions that differ in one command, a recurring and a fired one-off schedule, one run.
        var id = $"browser-page-{Guid.NewGuid().ToString("N")[..6]}";
        using var api = new ApiClient(fixture.Host.BaseAddress);
        var editor = await api.DevTokenAsync("erin", ["data-eng"], ["editor", "operator"]);
        await api.CreatePipelineAsync(editor, Definition(id, "echo first"));
        await api.ReplacePipelineAsync(editor, Definition(id, "echo second"));
        var runId = await api.TriggerAsync(editor, id);
        Assert.Equal("succeeded", await api.WaitForRunToFinishAsync(editor, runId, TimeSpan.FromSeconds(90)));
        var page = await fixture.NewPageAsync();
        var errors = new PageErrors(page);
        await DashboardPage.SignInAsync(page, "ada", "data-eng", "admin");

        // Act
        await page.GetByTestId($"open-{id}").ClickAsync();

        // Assert: the page of this pipeline, at its current version.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = id })).ToBeVisibleAsync();
        var schedules = page.GetByTestId("schedules");
        await Expect(schedules.Locator("tr[data-schedule=\"nightly\"]")).ToHaveAttributeAsync("data-state", "active");
        await Expect(schedules.Locator("tr[data-schedule=\"kickoff\"]")).ToHaveAttributeAsync("data-state", "expired");
        await Expect(page.GetByTestId("next-fires").Locator(".next-fire")).ToHaveCountAsync(5);
        await Expect(page.GetByTestId("definition")).ToContainTextAsync("echo second");
        await Expect(page.GetByTestId("versions").Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("diff-summary")).ToHaveTextAsync("v1 → v2: 1 line(s) added, 1 removed");
        await Expect(page.Locator("pre.diff .diff-del")).ToContainTextAsync("echo first");
        await Expect(page.Locator("pre.diff .diff-add")).ToContainTextAsync("echo second");
        await Expect(page.GetByTestId("pipeline-runs").Locator($"tr[data-run=\"{runId}\"]")).ToContainTextAsync("succeeded");
        await fixture.ScreenshotAsync(page, "20-pipeline-page", fullPage: true);

        // The first version reads back whole.
        await page.GetByTestId("version-select").SelectOptionAsync("1");
        await Expect(page.GetByTestId("definition")).ToContainTextAsync("echo first");

        // The audit page lists the change, for an admin from the navigation.
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit" }).ClickAsync();
        var audit = page.GetByTestId("audit");
        await Expect(audit.Locator("tr[data-action=\"pipeline.update\"]").Filter(new() { HasText = id })).ToHaveCountAsync(1);
        await Expect(audit.Locator("tr[data-action=\"run.trigger\"]").Filter(new() { HasText = runId })).ToHaveCountAsync(1);
        await fixture.ScreenshotAsync(page, "21-audit-page");
        Assert.Empty(errors.All);
    }

    [Fact]
    public async Task The_audit_link_is_for_admins_only()
    {
        var page = await fixture.NewPageAsync();
        await DashboardPage.SignInAsync(page, "vic", "data-eng", "viewer");

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Pipelines" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit" })).ToBeHiddenAsync();
    }

    private static JsonObject Definition(string id, string script) => new()
    {
        ["id"] = id,
        ["ownerGroup"] = "data-eng",
        ["description"] = "Pipeline page test.",
        ["schedules"] = new JsonArray(
            new JsonObject { ["name"] = "nightly", ["cron"] = "0 2 * * *", ["timeZone"] = "Europe/Berlin" },
            new JsonObject { ["name"] = "kickoff", ["kind"] = "once", ["at"] = "2026-01-05T09:00:00Z" }),
        ["tasks"] = new JsonArray(new JsonObject
        {
            ["id"] = "say",
            ["kind"] = "process",
            ["config"] = new JsonObject { ["command"] = "sh", ["args"] = new JsonArray("-c", script) },
        }),
    };
}
