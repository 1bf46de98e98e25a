using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Host.Tests.Browser;

/// <summary>Steps on the dashboard that several tests take, written as a user would take them.</summary>
public static class DashboardPage
{
    private static readonly string[] AllRoles = ["viewer", "operator", "editor", "admin"];

    /// <summary>Signs in through the Development form and waits for the pipelines view.</summary>
    public static async Task SignInAsync(IPage page, string user, string groups, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/");
        var form = page.GetByTestId("dev-login");
        await form.GetByLabel("User").FillAsync(user);
        await form.GetByLabel("Groups").FillAsync(groups);
        foreach (var role in AllRoles)
        {
            await form.GetByRole(AriaRole.Checkbox, new() { Name = role }).SetCheckedAsync(roles.Contains(role));
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByTestId("user")).ToHaveTextAsync(user);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pipelines" })).ToBeVisibleAsync();
    }

    /// <summary>The status the run view's header shows.</summary>
    public static ILocator RunStatus(IPage page) => page.Locator(".run-title .badge");

    public static ILocator DagNode(IPage page, string task) =>
        page.GetByTestId("dag").Locator($".node[data-task=\"{task}\"]");
}
