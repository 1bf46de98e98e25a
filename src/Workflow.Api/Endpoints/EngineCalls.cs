using Workflow.Api.Problems;
using Workflow.Api.Requests;
using Workflow.Services;

namespace Workflow.Api.Endpoints;

/// <summary>
/// Calls a service and turns the errors a caller can cause (the contract's <see cref="ServiceException"/>s) into
/// their answers through <see cref="ServiceProblems"/>. Anything else is a fault of ours and stays an exception,
/// answered as a 500 with a correlation id by <see cref="ProblemExceptionHandler"/>.
/// </summary>
internal static class EngineCalls
{
    public static async Task<BodyResult<T>> RunAsync<T>(Func<ValueTask<T>> call)
    {
        try
        {
            return new(await call(), null);
        }
        catch (ServiceException ex)
        {
            return new(default, ServiceProblems.For(ex));
        }
    }
}
