using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflow.Building;
using Workflow.Functions.Hosting;
using Workflow.Functions.Http;
using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Functions.Tests.Http;

/// <summary>
/// The embedded host's dashboard, served by the Azure app under /api/dashboard and signed in through App Service
/// Authentication (a platform session, not a token the page holds).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DashboardTests(AzuriteFixture azurite)
{
    private static readonly string Alice = PrincipalHeader.For(("sub", "alice"), ("name", "Alice"),
        ("groups", "data-eng"), ("roles", "editor"));

    [Fact]
    public async Task The_app_serves_the_dashboard_files_and_tells_the_page_where_to_sign_in()
    {
        // Arrange
        var name = Name();
        await using var durable = await DurableAppHost.StartAsync(azurite.ConnectionString, name);
        await using var app = await DashboardApp.StartAsync(azurite.ConnectionString, name, Alice, durable.Client);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

        // Act
        var bare = await http.GetAsync("/api/dashboard");
        var index = await http.GetAsync("/api/dashboard/");
        var script = await http.GetAsync("/api/dashboard/js/app.js");
        using var health = JsonDocument.Parse(await http.GetStringAsync("/api/health"));
        var me = await http.GetAsync("/api/me");
        using var withSession = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        withSession.Headers.Add("Cookie", $"{DashboardApp.SessionCookie}=session");
        var meSignedIn = await http.SendAsync(withSession);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal("/api/dashboard/", bare.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Contains("<title>Workflow</title>", await index.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(WorkflowFunctionsApiServiceCollectionExtensions.SignInUrl,
            health.RootElement.GetProperty("signInUrl").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.True(meSignedIn.IsSuccessStatusCode, await meSignedIn.Content.ReadAsStringAsync());
        using var who = JsonDocument.Parse(await meSignedIn.Content.ReadAsStringAsync());
        Assert.Equal("alice", who.RootElement.GetProperty("user").GetString());
    }

    [Fact]
    public async Task A_signed_out_browser_is_offered_the_platform_sign_in_and_a_signed_in_one_triggers_a_run()
    {
        // Arrange: expectations wait 30 s, not Playwright's 5, for a page on a loaded machine.
        SetDefaultExpectTimeout(30_000);
        var name = Name();
        await using var durable = await DurableAppHost.StartAsync(azurite.ConnectionString, name);
        await using var app = await DashboardApp.StartAsync(azurite.ConnectionString, name, Alice, durable.Client);
        await durable.Workflow.UpsertPipelineAsync(Pipeline.Define("azure-report", owner: "data-eng")
            .Task("hello", Tasks.Process("echo", "hello")).Build(), null, "test", CancellationToken.None);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var dashboard = new Uri(app.BaseAddress, "/api/dashboard/").ToString();

        // Act: first without the platform's session cookie, then with it.
        var signedOut = await browser.NewPageAsync();
        await signedOut.GotoAsync(dashboard);
        var signIn = signedOut.GetByTestId("platform-login");
        await Expect(signIn).ToBeVisibleAsync();
        var signedIn = await SignedInPageAsync(browser, app);
        await signedIn.GotoAsync(dashboard);

        // Assert
        Assert.Equal(WorkflowFunctionsApiServiceCollectionExtensions.SignInUrl, await signIn.GetAttributeAsync("href"));
        await Expect(signedIn.GetByTestId("user")).ToHaveTextAsync("alice");
        await Expect(signedIn.GetByText("azure-report")).ToBeVisibleAsync();
        Assert.Null(await signedIn.EvaluateAsync<string?>("() => localStorage.getItem('workflow.token')"));

        // Act: the dashboard starts a run; the app's orchestration runs it on the in-process Durable host.
        await signedIn.GetByRole(AriaRole.Button, new() { Name = "Trigger" }).ClickAsync();

        // Assert
        await Expect(signedIn.Locator(".run-title .badge")).ToHaveAttributeAsync("data-status", "succeeded",
            new() { Timeout = 60_000 });
        await signedIn.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "dashboard-azure.png") });
    }

    [Fact]
    public async Task The_run_page_shows_the_notices_of_a_run_whose_pinned_version_is_no_longer_stored()
    {
        // Arrange: a run of version 1; then version 2 is saved and version 1's blob is gone.
        SetDefaultExpectTimeout(30_000);
        var name = Name();
        await using var durable = await DurableAppHost.StartAsync(azurite.ConnectionString, name);
        await using var app = await DashboardApp.StartAsync(azurite.ConnectionString, name, Alice, durable.Client);
        var definition = Pipeline.Define("gone-version", owner: "data-eng")
            .Task("hello", Tasks.Process("echo", "hello")).Build();
        await durable.Workflow.UpsertPipelineAsync(definition, null, "test", CancellationToken.None);
        await durable.StartAsync("gone-version", "gone-version@1");
        await durable.CompletedAsync("gone-version@1");
        await durable.Workflow.UpsertPipelineAsync(definition with { Description = "version 2" }, 1, "test",
            CancellationToken.None);
        await durable.Services.GetRequiredService<BlobContainers>().Definitions
            .GetBlobClient(BlobNames.Version("gone-version", 1)).DeleteAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await SignedInPageAsync(browser, app);

        // Act
        await page.GotoAsync(new Uri(app.BaseAddress, "/api/dashboard/#/runs/" + Uri.EscapeDataString("gone-version@1"))
            .ToString());

        // Assert: the notice the run detail carries, under the run's title.
        await Expect(page.Locator(".run-title .badge")).ToHaveAttributeAsync("data-status", "succeeded");
        var notice = page.GetByTestId("run-notice");
        await Expect(notice).ToHaveCountAsync(1);
        await Expect(notice).ToContainTextAsync(
            "Version 1 of pipeline 'gone-version', which run 'gone-version@1' was started with, is no longer stored");
    }

    /// <summary>A page of a browser context holding the platform's session cookie for the app.</summary>
    private static async Task<IPage> SignedInPageAsync(IBrowser browser, DashboardApp app)
    {
        var context = await browser.NewContextAsync();
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie
        {
            Name = DashboardApp.SessionCookie, Value = "session", Domain = app.BaseAddress.Host, Path = "/",
        }]);
        return await context.NewPageAsync();
    }

    private static string Name() => "dash" + Guid.NewGuid().ToString("N")[..12];
}
