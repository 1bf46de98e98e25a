using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Workflow.Api.Problems;

/// <summary>
/// The last line: a request the framework itself refuses (bad framing, body too large) gets its own 4xx, and any
/// fault of ours a 500 problem with no stack trace. The fault is logged with its trace id for the operator.
/// </summary>
internal sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception,
        CancellationToken cancellationToken)
    {
        IResult answer;
        switch (exception)
        {
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                answer = ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large",
                    "The request body is larger than the server accepts. Send a smaller body.");
                break;
            case BadHttpRequestException bad:
                answer = ApiProblems.Problem(bad.StatusCode, "Bad request", bad.Message);
                break;
            case JsonException json:
                answer = ApiProblems.BadRequest("The JSON body is not valid.", json.Path ?? "$", json.Message, null);
                break;
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                return true;
            default:
                Log.UnhandledFault(logger, httpContext.TraceIdentifier, httpContext.Request.Path, exception);
                answer = ApiProblems.Problem(StatusCodes.Status500InternalServerError, "Internal error",
                    $"The server failed; the fault is logged under trace id '{httpContext.TraceIdentifier}'.");
                break;
        }

        await answer.ExecuteAsync(httpContext);
        return true;
    }
}
