using Microsoft.Playwright;

namespace Workflow.Host.Tests.Browser;

/// <summary>Collects uncaught script errors of a page, so a test can assert the page ran cleanly.</summary>
public sealed class PageErrors
{
    private readonly List<string> _errors = [];

    public PageErrors(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.PageError += (_, message) => Add(message);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("status of 4", StringComparison.Ordinal))
            {
                Add(message.Text);
            }
        };
    }

    public IReadOnlyList<string> All
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    private void Add(string message)
    {
        lock (_errors)
        {
            _errors.Add(message);
        }
    }
}
