using Microsoft.Playwright;

namespace Workflow.Tests.Shared;

/// <summary>Debian's Chromium, driven headless through Playwright (its own browser download cannot work here).</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is missing at {ExecutablePath}. The browser tests need Debian's Chromium: " +
                "run `apt-get install -y chromium` (bash .ci/run does this).");
        }

        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }
}
