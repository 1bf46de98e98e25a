using Microsoft.AspNetCore.Http;
using Workflow.Api.Problems;
using Workflow.Api.Requests;
using Workflow.Validation;

namespace Workflow.Api.Endpoints;

/// <summary>
/// Calls the engine and turns the errors a caller can cause (a stale version, a missing pipeline, a bad parameter)
/// into 4xx answers. Anything else is a fault of ours and stays an exception, answered as a bare 500.
/// </summary>
internal static class EngineCalls
{
    public static async Task<BodyResult<T>> RunAsync<T>(Func<ValueTask<T>> call)
    {
        try
        {
            return new(await call(), null);
        }
        catch (Exception ex) when (Map(ex) is { } problem)
        {
            return new(default, problem);
        }
    }

    private static IResult? Map(Exception ex) => ex switch
    {
        ArgumentNullException => null,
        PipelineValidationException v => ApiProblems.Validation(
            v.Errors.Select(DefinitionValidation.ToFieldError).ToList()),
        ArgumentException a => ApiProblems.BadRequest(Clean(a), PathOf(a.ParamName), Clean(a), null),
        KeyNotFoundException k => ApiProblems.Problem(StatusCodes.Status404NotFound, "Not found", k.Message),
        InvalidOperationException i => ApiProblems.Conflict(i.Message),
        _ => null,
    };

    /// <summary>The message without the " (Parameter 'x')" suffix .NET appends.</summary>
    private static string Clean(ArgumentException ex)
    {
        var cut = ex.ParamName is null ? -1 : ex.Message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return cut > 0 ? ex.Message[..cut] : ex.Message;
    }

    private static string PathOf(string? name) =>
        string.IsNullOrEmpty(name) ? "$" : name.StartsWith('$') ? name : "$." + name;
}
