using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Host.Tests.Browser;

/// <summary>The Secrets page: an editor sets, replaces and deletes a group's secret; a viewer only reads names.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SecretsViewTests(DashboardFixture fixture)
{
    private const string Value = "browser-secret-value-7";

    [Fact]
    public async Task An_editor_sets_replaces_and_deletes_a_secret_and_its_value_is_never_shown()
    {
        // Arrange
        using var api = new ApiClient(fixture.Host.BaseAddress);
        var editorToken = await api.DevTokenAsync("erin", ["browser-sec"], ["editor"]);
        var page = await fixture.NewPageAsync();
        var errors = new PageErrors(page);
        await DashboardPage.SignInAsync(page, "erin", "browser-sec", "editor");

        // Act: set it twice from the form.
        await page.GetByRole(AriaRole.Link, new() { Name = "Secrets" }).ClickAsync();
        await Expect(page.GetByTestId("secret-group")).ToHaveValueAsync("browser-sec");
        await page.GetByTestId("secret-name").FillAsync("WAREHOUSE_PASSWORD");
        await page.GetByTestId("secret-value").FillAsync(Value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set secret" }).ClickAsync();
        var row = page.Locator("[data-secret=\"WAREHOUSE_PASSWORD\"]");
        await Expect(row).ToContainTextAsync("erin");
        await page.GetByTestId("secret-name").FillAsync("WAREHOUSE_PASSWORD");
        await page.GetByTestId("secret-value").FillAsync(Value + "-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set secret" }).ClickAsync();

        // Assert
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("2");
        await Expect(page.GetByTestId("secret-value")).ToHaveValueAsync("");
        Assert.DoesNotContain(Value, await page.ContentAsync(), StringComparison.Ordinal);
        await fixture.ScreenshotAsync(page, "30-secrets");

        // A bad name is refused with the API's reason, naming the field.
        await page.GetByTestId("secret-name").EvaluateAsync("e => e.removeAttribute('pattern')");
        await page.GetByTestId("secret-name").FillAsync("bad-name");
        await page.GetByTestId("secret-value").FillAsync("x");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set secret" }).ClickAsync();
        await Expect(page.GetByTestId("secret-form").GetByRole(AriaRole.Alert)).ToContainTextAsync("name");

        // A viewer of the group sees the name but no form and no delete button.
        var viewer = await fixture.NewPageAsync();
        await DashboardPage.SignInAsync(viewer, "vera", "browser-sec", "viewer");
        await viewer.GotoAsync("/#/secrets/browser-sec");
        await Expect(viewer.Locator("[data-secret=\"WAREHOUSE_PASSWORD\"]")).ToBeVisibleAsync();
        await Expect(viewer.GetByTestId("secret-form")).ToHaveCountAsync(0);
        await Expect(viewer.GetByTestId("delete-WAREHOUSE_PASSWORD")).ToHaveCountAsync(0);

        // Deleting removes it.
        await row.GetByTestId("delete-WAREHOUSE_PASSWORD").ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        var listed = await api.GetJsonAsync(editorToken, "api/groups/browser-sec/secrets");
        Assert.Empty(listed.EnumerateArray());
        Assert.Empty(errors.All);
        await viewer.Context.CloseAsync();
        await page.Context.CloseAsync();
    }
}
