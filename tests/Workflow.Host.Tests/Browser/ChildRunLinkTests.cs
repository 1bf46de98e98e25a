using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Host.Tests.Browser;

/// <summary>A run page links to the child runs its sub-pipeline tasks started, and a child's page back to its parent.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ChildRunLinkTests(DashboardFixture fixture)
{
    [Fact]
    public async Task The_parent_links_to_its_child_run_and_the_child_back_to_its_parent()
    {
        // Arrange: a parent whose sub-pipeline task runs a one-task child, run to its end through the API.
        var directory = Directory.CreateDirectory(Path.Combine(fixture.Host.DataDirectory, "child-links")).FullName;
        string parent;
        using (var api = new ApiClient(fixture.Host.BaseAddress))
        {
            var editor = await api.DevTokenAsync("erin", ["data-eng"], ["editor"]);
            await api.CreatePipelineAsync(editor, new JsonObject
            {
                ["id"] = "browser-child",
                ["ownerGroup"] = "data-eng",
                ["tasks"] = new JsonArray(TestPipelines.Shell(directory, "work", "echo child work")),
            });
            await api.CreatePipelineAsync(editor, JsonNode.Parse("""
                { "id": "browser-parent", "ownerGroup": "data-eng",
                  "tasks": [ { "id": "sub", "kind": "sub-pipeline", "config": { "pipelineId": "browser-child" } } ] }
                """)!.AsObject());
            parent = await api.TriggerAsync(editor, "browser-parent");
            Assert.Equal("succeeded", await api.WaitForRunToFinishAsync(editor, parent, TimeSpan.FromSeconds(90)));
        }

        var page = await fixture.NewPageAsync();
        var errors = new PageErrors(page);
        await DashboardPage.SignInAsync(page, "dana", "data-eng", "viewer");
        var child = $"{parent}/sub#1";

        // Act: open the parent, follow its child link, then the child's parent link.
        await page.GotoAsync($"/#/runs/{Uri.EscapeDataString(parent)}");
        var childLink = page.GetByTestId("child-runs").GetByRole(AriaRole.Link, new() { Name = child });
        await Expect(childLink).ToBeVisibleAsync();
        await childLink.ClickAsync();
        await Expect(page.Locator(".page-header .subtitle")).ToHaveTextAsync(child);
        await Expect(DashboardPage.RunStatus(page)).ToHaveAttributeAsync("data-status", "succeeded");
        var parentLink = page.GetByTestId("parent-run");
        await Expect(parentLink).ToHaveTextAsync(parent);
        await parentLink.ClickAsync();

        // Assert
        await Expect(page.Locator(".page-header .subtitle")).ToHaveTextAsync(parent);
        await Expect(page.GetByTestId("child-runs")).ToContainTextAsync(child);
        Assert.Empty(errors.All);
        await page.Context.CloseAsync();
    }
}
