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
}
