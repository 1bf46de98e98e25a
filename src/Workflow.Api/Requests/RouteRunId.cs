namespace Workflow.Api.Requests;

/// <summary>
/// A run id read from a route segment. A child run id holds <c>/</c> and <c>#</c> (<c>{parent}/{task}#{attempt}</c>),
/// so clients send it percent-encoded. The server decodes every escape of a path except <c>%2F</c>, which stays as
/// written so that it cannot split the path; the route value therefore still holds <c>%2F</c>, and a lookup by it
/// found nothing. Run ids never hold <c>%</c> (ids are letters, digits, <c>- _ .</c>), so turning <c>%2F</c> back
/// into <c>/</c> is exact.
/// </summary>
public static class RouteRunId
{
    public static string Decode(string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return segment.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
    }
}
