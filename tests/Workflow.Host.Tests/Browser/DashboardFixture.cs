using Microsoft.Playwright;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// One real host and one headless Debian Chromium shared by the browser tests; each test opens its own context
/// (its own storage, so its own sign-in).
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private HostProcess? _host;

    public HostProcess Host => _host ?? throw new InvalidOperationException("The fixture is not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not started.");

    /// <summary>Screenshots land here, inside the test output folder.</summary>
    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        // Expect(...) waits 5 s by default, which a page on a loaded machine overran (a run view still loading, an
        // alert row not yet refreshed away): assertions wait as long as actions do.
        Assertions.SetDefaultExpectTimeout(30_000);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _host = await HostProcess.StartAsync(cts.Token);
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>A fresh browser context at laptop size, with generous default timeouts for a loaded machine.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Runs <paramref name="script"/> (which may import the dashboard's modules) in a fresh page.</summary>
    public async Task<System.Text.Json.JsonElement> EvaluateAsync(string script)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/index.html#/login");
        var result = await page.EvaluateAsync<System.Text.Json.JsonElement>(script);
        await page.Context.CloseAsync();
        return result;
    }

    public async Task ScreenshotAsync(IPage page, string name, bool fullPage = false) =>
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ScreenshotDirectory, $"{name}.png"),
            FullPage = fullPage,
        });

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

/// <summary>The browser tests share one host and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "Dashboard in a real browser";
}
