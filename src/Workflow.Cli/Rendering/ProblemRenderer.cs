using System.Globalization;
using Workflow.Cli.Api;

namespace Workflow.Cli.Rendering;

/// <summary>
/// Writes a server problem as one clear line (what went wrong, with the HTTP status), followed by one line per
/// field-level error, so a validation failure reads like a compiler's error list.
/// </summary>
public static class ProblemRenderer
{
    public static IReadOnlyList<string> Lines(Problem problem)
    {
        var lines = new List<string>();
        var what = FirstText(problem.Detail, problem.Title) ?? "the request failed";
        var status = problem.Status > 0 ? problem.Status.ToString(CultureInfo.InvariantCulture) : null;
        var title = !string.IsNullOrWhiteSpace(problem.Title) && problem.Title != what ? problem.Title : null;
        var suffix = (status, title) switch
        {
            (not null, not null) => $" (HTTP {status} {title})",
            (not null, null) => $" (HTTP {status})",
            (null, not null) => $" ({title})",
            _ => string.Empty,
        };
        lines.Add($"error: {what}{suffix}");

        foreach (var issue in problem.Errors)
        {
            var where = string.IsNullOrWhiteSpace(issue.Path) ? string.Empty : issue.Path + ": ";
            var hint = string.IsNullOrWhiteSpace(issue.Hint) ? string.Empty : $" (hint: {issue.Hint})";
            lines.Add($"  - {where}{issue.Message}{hint}");
        }

        var advice = Advice(problem.Status);
        if (advice is not null && problem.Errors.Count == 0)
        {
            lines.Add("  " + advice);
        }

        return lines;
    }

    private static string? Advice(int status) => status switch
    {
        401 => "hint: log in with `wf login --dev --user NAME --groups GROUP`, or pass --token / set WF_TOKEN.",
        403 => "hint: your role does not allow this; log in with a role that does (viewer, operator, editor, admin).",
        412 => "hint: the pipeline changed since it was read; run the command again to apply over the new version.",
        410 => "hint: this was removed for good (a log past its pipeline's retention.logs); raise retention.logs to " +
               "keep later runs' logs longer.",
        _ => null,
    };

    private static string? FirstText(params string?[] values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.ReplaceLineEndings(" ").Trim();
}
