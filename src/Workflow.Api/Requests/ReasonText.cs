using Microsoft.AspNetCore.Http;
using Workflow.Api.Problems;

namespace Workflow.Api.Requests;

/// <summary>
/// The free-text reason a caller may give when cancelling, suspending or resuming a run. It is kept in the run's
/// events and in the audit trail, which every reader of the group lists, so it has a size a person writes and no
/// control characters (a NUL or a terminal escape would reach the CLI's and the dashboard's readers as sent).
/// </summary>
internal static class ReasonText
{
    public const int MaxLength = 1000;

    /// <summary>The 400 answer for a reason that breaks the rule, or null for one that keeps it (or none).</summary>
    public static IResult? Problem(string? reason)
    {
        if (reason is null)
        {
            return null;
        }

        if (reason.Length > MaxLength)
        {
            return ApiProblems.BadRequest($"The reason is {reason.Length:N0} characters long.", "$.reason",
                $"A reason may hold at most {MaxLength:N0} characters.", "Say why in a sentence or two.");
        }

        foreach (var c in reason)
        {
            if (char.IsControl(c) && c is not ('\n' or '\t'))
            {
                return ApiProblems.BadRequest($"The reason contains the control character U+{(int)c:X4}.", "$.reason",
                    "A reason may hold line breaks and tabs, but no other control characters.", "Send plain text.");
            }
        }

        return null;
    }
}
