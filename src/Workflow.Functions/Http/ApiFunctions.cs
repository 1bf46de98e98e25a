using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Workflow.Durable;
using Workflow.Functions.Services;

namespace Workflow.Functions.Http;

/// <summary>
/// HTTP triggers. Every <c>/api/...</c> request goes to the API pipeline; starting a run also goes through it (for
/// authorization, validation and the start itself) and then answers with Durable's management URIs.
/// </summary>
public sealed class ApiFunctions(ApiPipeline api, DurableClientHolder durable)
{
    [Function("Api")]
    public async Task<IActionResult> ApiAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "delete", Route = "{*path}")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        durable.Client = client;
        await api.Invoke(request.HttpContext);
        return new EmptyResult();
    }

    /// <summary>
    /// The API's trigger endpoint, answered as Durable's HTTP start: 202 with <c>Location</c> and
    /// <c>statusQueryGetUri</c> pointing at Durable's instance status, plus the run id (the instance id differs from
    /// it when the run id holds characters Durable refuses).
    /// </summary>
    [Function("StartRun")]
    public async Task<IActionResult> StartRunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "pipelines/{id}/runs")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        durable.Client = client;
        var http = context.GetHttpContext()
            ?? throw new InvalidOperationException("The app must run with ConfigureFunctionsWebApplication().");
        var body = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        await api.Invoke(http);
        http.Response.Body = body;
        buffer.Position = 0;
        if (http.Response.StatusCode != StatusCodes.Status202Accepted)
        {
            // A refusal (401, 404, 400, ...) is the API's own answer: pass it on as it is.
            await buffer.CopyToAsync(body);
            return new EmptyResult();
        }

        using var started = await JsonDocument.ParseAsync(buffer);
        var runId = started.RootElement.GetProperty("runId").GetString()!;
        var payload = client.CreateHttpManagementPayload(InstanceIds.For(runId), request);
        http.Response.Headers.Clear();
        http.Response.Headers.Location = payload.StatusQueryGetUri;
        http.Response.Headers.RetryAfter = "2";
        return new ObjectResult(new DurableRunAccepted(payload.Id, runId, payload.StatusQueryGetUri,
            payload.SendEventPostUri, payload.TerminatePostUri, payload.PurgeHistoryDeleteUri, payload.SuspendPostUri,
            payload.ResumePostUri))
        {
            StatusCode = StatusCodes.Status202Accepted,
        };
    }
}
