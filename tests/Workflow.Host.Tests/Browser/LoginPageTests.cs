using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Host.Tests.Browser;

[Collection(DashboardCollection.Name)]
public sealed class LoginPageTests(DashboardFixture fixture)
{
    [Fact]
    public async Task The_host_serves_the_page_and_an_anonymous_visitor_gets_the_sign_in_form()
    {
        // Arrange
        var page = await fixture.NewPageAsync();
        var errors = new PageErrors(page);

        // Act
        await page.GotoAsync("/#/runs");

        // Assert
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/login\\?next="));
        var form = page.GetByTestId("dev-login");
        await Expect(form.GetByLabel("User")).ToBeVisibleAsync();
        await Expect(form.GetByLabel("Groups")).ToBeVisibleAsync();
        await Expect(form.GetByRole(AriaRole.Checkbox, new() { Name = "operator" })).ToBeVisibleAsync();
        await Expect(page.Locator("#mainnav")).ToBeHiddenAsync();
        await fixture.ScreenshotAsync(page, "01-login");
        Assert.Empty(errors.All);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_pasted_token_the_API_refuses_is_reported_and_not_kept()
    {
        // Arrange
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/#/login");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Bearer token" }).ClickAsync();

        // Act
        await page.GetByLabel("Bearer token").FillAsync("Bearer not-a-real-token");
        await page.GetByTestId("token-login").GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Assert
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The token was refused");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/login"));
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('workflow.token')"));
        await page.Context.CloseAsync();
    }
}
