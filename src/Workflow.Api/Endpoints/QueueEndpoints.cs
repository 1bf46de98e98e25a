using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Api.Contracts;
using Workflow.Api.OpenApi;
using Workflow.Api.Problems;
using Workflow.Api.Requests;
using Workflow.Queues;
using Workflow.Security;
using Workflow.Services;

namespace Workflow.Api.Endpoints;

/// <summary>
/// <c>POST /api/queues/{group}/{queue}/messages</c> adds messages to a group's queue for its <c>queue-drain</c>
/// tasks, and <c>GET /api/queues/{group}/{queue}</c> reads its depth, oldest age and dead-letter depth. A queue
/// belongs to the group in its path: enqueueing needs the operator role in that group (it starts work, like a
/// trigger), reading needs viewer; to anyone outside the group the queue does not exist (404). A drain only ever
/// reads its own pipeline's group's queues, so no group can fill or drain another's.
/// </summary>
public static class QueueEndpoints
{
    public const string EnqueueAction = "queue.enqueue";

    /// <summary>Maps the queue endpoints; the host calls it when it registers an <see cref="IQueueService"/>.</summary>
    public static IEndpointRouteBuilder MapWorkflowQueues(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapWorkflowApiGroup();
        api.MapGet("/queues/{group}/{queue}", GetAsync).WithName("GetQueue")
            .Answers<QueueSummary>().Refuses(StatusCodes.Status400BadRequest).Guarded();
        api.MapPost("/queues/{group}/{queue}/messages", EnqueueAsync).WithName("EnqueueMessages")
            .TakesJson<JsonElement>().Answers<EnqueueResult>(StatusCodes.Status202Accepted).Guarded();
        return endpoints;
    }

    private static async Task<IResult> GetAsync(string group, string queue, HttpContext http, ApiServices s,
        CancellationToken ct)
    {
        if (Find(s.CallerOf(http), AccessAction.Read, group, queue) is { Problem: { } refused })
        {
            return refused;
        }

        var status = await Queues(http).GetStatusAsync(QueueAddress.Create(group, queue), ct);
        return TypedResults.Json(QueueSummary.From(status), ApiJson.Options);
    }

    private static async Task<IResult> EnqueueAsync(string group, string queue, HttpContext http, ApiServices s,
        CancellationToken ct)
    {
        var caller = s.CallerOf(http);
        var found = Find(caller, AccessAction.Enqueue, group, queue);
        if (found.Problem is { } refused)
        {
            return refused;
        }

        var body = await JsonBody.ReadAsync(http.Request, ApiJson.TypeInfo<JsonElement>(), s.Options,
            allowEmpty: false, ct);
        if (!body.Ok)
        {
            return body.Problem!;
        }

        var messages = Messages(body.Value);
        if (Check(messages) is { } bad)
        {
            return bad;
        }

        var address = found.Value!;
        await Queues(http).EnqueueAsync(address, messages, ct);
        await s.AuditAsync(caller, EnqueueAction, address.ToString(), group, $"{messages.Count} messages", ct);
        return TypedResults.Json(new EnqueueResult(group, queue, messages.Count), ApiJson.Options,
            statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>A JSON array is a batch, one message per item; any other JSON value is one message.</summary>
    private static List<JsonElement> Messages(JsonElement body) =>
        body.ValueKind == JsonValueKind.Array ? [.. body.EnumerateArray().Select(m => m.Clone())] : [body.Clone()];

    private static IResult? Check(List<JsonElement> messages)
    {
        if (messages.Count is 0 or > QueueLimits.MaxBatch)
        {
            return ApiProblems.BadRequest($"The batch holds {messages.Count} messages.", "$",
                $"Send 1 to {QueueLimits.MaxBatch} messages in one request.",
                "A JSON array is a batch of messages; any other JSON value is one message.");
        }

        for (var i = 0; i < messages.Count; i++)
        {
            var bytes = Encoding.UTF8.GetByteCount(messages[i].GetRawText());
            if (bytes > QueueLimits.MaxMessageBytes)
            {
                return ApiProblems.BadRequest($"Message {i} is {bytes} bytes.", $"$[{i}]",
                    $"A message may hold at most {QueueLimits.MaxMessageBytes} bytes of JSON.",
                    "Put large data in a file or blob and enqueue a reference to it.");
            }
        }

        return null;
    }

    /// <summary>The queue's address when its name is valid and the caller may do <paramref name="action"/> to it.</summary>
    private static BodyResult<QueueAddress> Find(Caller caller, AccessAction action, string group, string queue)
    {
        if (QueueAddress.Check(group, queue) is { } invalid)
        {
            return new(null, ApiProblems.BadRequest(invalid, "queue", invalid));
        }

        return new(QueueAddress.Create(group, queue), ApiServices.Check(caller, action, group, "queue", $"{group}/{queue}"));
    }

    private static IQueueService Queues(HttpContext http) => http.RequestServices.GetRequiredService<IQueueService>();
}
