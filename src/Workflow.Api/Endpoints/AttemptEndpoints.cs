using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Workflow.Api.Contracts;
using Workflow.Api.OpenApi;
using Workflow.Api.Problems;
using Workflow.Api.Requests;
using Workflow.Contracts;
using Workflow.Security;
using Workflow.Services;

namespace Workflow.Api.Endpoints;

/// <summary>
/// A task's attempts and each attempt's log, as a byte range from <c>offset</c> (never negative) or as a
/// <c>tail</c> of the last N bytes, an explicit parameter rather than a negative offset. A log the attempt wrote that
/// is no longer stored (retention removed it) answers 410 naming the attempt, not an empty log.
/// </summary>
internal static class AttemptEndpoints
{
    private const int DefaultChunkBytes = 64 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/runs/{runId}/tasks/{taskKey}/attempts", ListAsync).WithName("ListAttempts")
            .Answers<IReadOnlyList<AttemptInfo>>().Guarded();
        api.MapGet("/runs/{runId}/tasks/{taskKey}/attempts/{attempt}/log", LogAsync).WithName("ReadLog")
            .Answers<Workflow.Contracts.LogChunk>().ChecksQuery("offset", "maxBytes", "tail").Guarded()
            .Refuses(StatusCodes.Status410Gone);
    }

    private static async Task<IResult> ListAsync(string runId, string taskKey, HttpContext http, ApiServices s,
        CancellationToken ct)
    {
        runId = RouteRunId.Decode(runId);
        var check = await FindTaskAsync(runId, taskKey, http, s, ct);
        if (check is not null)
        {
            return check;
        }

        var attempts = await s.Workflow.ListAttemptsAsync(runId, taskKey, ct);
        return TypedResults.Json(attempts.OrderBy(a => a.Attempt).Select(a => a.ToContract()).ToList(),
            ApiJson.Options);
    }

    private static async Task<IResult> LogAsync(string runId, string taskKey, string attempt, HttpContext http,
        ApiServices s, CancellationToken ct)
    {
        if (!int.TryParse(attempt, out var number) || number < 1)
        {
            return ApiProblems.BadRequest($"Attempt '{attempt}' is not an attempt number.", "attempt",
                "The attempt must be a whole number from 1.", "The first attempt is 1.");
        }

        if (!QueryValues.TryLong(http, "offset", 0, "A byte offset from the start; for the end of the log use " +
                "?tail=N.", out var offset, out var bad) ||
            !QueryValues.TryInt(http, "maxBytes", 1, s.Options.MaxLogChunkBytes, out var maxBytes, out bad) ||
            !QueryValues.TryLong(http, "tail", 1, "For the last 200 bytes, ?tail=200.", out var tail, out bad))
        {
            return bad;
        }

        if (offset is not null && tail is not null)
        {
            return ApiProblems.BadRequest("Query parameters 'offset' and 'tail' are both given.", "tail",
                "Give either 'offset' (from the start) or 'tail' (from the end).",
                "Read the last bytes with ?tail=N, then go on from the answer's offset with ?offset=.");
        }

        runId = RouteRunId.Decode(runId);
        var check = await FindTaskAsync(runId, taskKey, http, s, ct);
        if (check is not null)
        {
            return check;
        }

        // A tail starts that many bytes before the end (at the start of a shorter log) and reads up to there, within
        // maxBytes and the chunk limit; the answer's offset and totalBytes say where it started, to go on from.
        var size = maxBytes ?? (tail is { } t ? (int)Math.Min(t, s.Options.MaxLogChunkBytes) : DefaultChunkBytes);
        var range = tail is { } back ? LogRange.LastBytes(back, size) : LogRange.From(offset ?? 0, size);
        var chunk = await s.Workflow.ReadLogAsync(runId, taskKey, number, range, ct);
        return chunk is null
            ? ApiProblems.NotFound("Log", $"{runId}/{taskKey}/{number}")
            : TypedResults.Json(chunk.ToContract(), ApiJson.Options);
    }

    /// <summary>Null when the run is visible to the caller and has the task; otherwise the 404 to answer.</summary>
    private static async Task<IResult?> FindTaskAsync(string runId, string taskKey, HttpContext http, ApiServices s,
        CancellationToken ct)
    {
        var run = await s.FindRunAsync(s.CallerOf(http), AccessAction.Read, runId, ct);
        if (!run.Ok)
        {
            return run.Problem;
        }

        return run.Value!.Tasks.Any(t => t.TaskKey == taskKey)
            ? null
            : ApiProblems.NotFound("Task", $"{runId}/{taskKey}");
    }
}
