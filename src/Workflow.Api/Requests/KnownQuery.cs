using Microsoft.AspNetCore.Http;
using Workflow.Api.Problems;
using Workflow.Validation;

namespace Workflow.Api.Requests;

/// <summary>
/// Refuses a query parameter the endpoint does not read, naming it and the ones it does: a misspelt filter
/// (<c>?state=open</c> for <c>?status=open</c>) would otherwise be ignored and answer everything, which looks like
/// a filter that worked. Names compare as the query does, ignoring case.
/// </summary>
internal sealed class KnownQuery(IReadOnlyList<string> names) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var key in context.HttpContext.Request.Query.Keys)
        {
            if (!names.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                return ValueTask.FromResult<object?>(Unknown(key));
            }
        }

        return next(context);
    }

    private IResult Unknown(string key)
    {
        var reads = names.Count == 0
            ? "This endpoint reads no query parameters."
            : $"This endpoint reads {string.Join(", ", names.Select(n => $"'{n}'"))}.";
        var hint = Suggestions.Closest(key, names) is { } near ? $"Did you mean '{near}'? {reads}" : reads;
        return ApiProblems.BadRequest($"Query parameter '{key}' is not one this endpoint reads.", key,
            $"'{key}' is not a query parameter of this endpoint.", hint);
    }
}
