using Workflow.Cli.Progress;

namespace Workflow.Cli.Rendering;

/// <summary>Colours statuses the same way in every table and in the live view.</summary>
public static class StatusStyle
{
    public static string Markup(string status)
    {
        var color = status.ToLowerInvariant() switch
        {
            States.Succeeded => "green",
            States.Failed => "red",
            States.Running => "yellow",
            States.RetryWait => "darkorange",
            States.Cancelled => "maroon",
            States.Suspended => "blue",
            States.Skipped or States.Pending or States.Queued => "grey",
            _ => "default",
        };
        return $"[{color}]{Spectre.Console.Markup.Escape(status)}[/]";
    }
}
