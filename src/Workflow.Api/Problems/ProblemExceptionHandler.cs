using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Workflow.Services;

namespace Workflow.Api.Problems;

/// <summary>
/// The last line: a request the framework itself refuses (bad framing, body too large) gets its own 4xx, a service
/// error that no endpoint answered its own answer (<see cref="ServiceProblems"/>), and any fault of ours a 500
/// problem with no stack trace but a <c>correlationId</c>: the request's trace id, which the error log line carries
/// too, so that an operator finds the fault a caller reports.
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
            case ServiceException error:
                answer = ServiceProblems.For(error);
                break;
            case JsonException json:
                answer = ApiProblems.BadRequest("The JSON body is not valid.", json.Path ?? "$", json.Message, null);
                break;
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                return true;
            default:
                var correlationId = CorrelationId(httpContext);
                Log.UnhandledFault(logger, correlationId, httpContext.Request.Path, exception);
                answer = ApiProblems.Fault(correlationId);
                break;
        }

        await answer.ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The W3C trace id of the request (what traces and log scopes carry), else ASP.NET Core's own id.</summary>
    private static string CorrelationId(HttpContext httpContext) =>
        Activity.Current is { } activity ? activity.TraceId.ToHexString() : httpContext.TraceIdentifier;
}
