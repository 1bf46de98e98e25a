using System.Text.Json;
using Workflow.Api.Contracts;
using Workflow.Contracts;
using Workflow.Execution;
using Workflow.Services;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Api.Tests.Contracts;

/// <summary>
/// The API used to answer with the model's records; it now answers with the contracts. The JSON must be the same
/// byte for byte, and what the API writes the client's source-generated context must read back whole.
/// </summary>
public sealed class RunMappingsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    private static RunRecord Record(string id, RunStatus status, RunTrigger trigger) => new(id, "p", 3, "data-eng",
        status, trigger, At, At, At.AddSeconds(1), status.IsActive() ? null : At.AddMinutes(2),
        status.IsActive() ? null : new RunSummary(2, 1, 1, 0, 4),
        JsonDocument.Parse("""{"day": "2026-12-06", "n": 5}""").RootElement, "p@manual-0", null);

    private static readonly Workflow.Services.RunDetail Detail = new(
        Record("p@manual-1", RunStatus.Failed, RunTrigger.Rerun),
        [
            new TaskInstanceRecord("extract", "extract", TaskStatus.Succeeded, 1, At, At.AddSeconds(30), null, []),
            new TaskInstanceRecord("load[0]", "load", TaskStatus.RetryWait, 2, At.AddSeconds(31), null, "exit 3",
                ["extract"]),
            new TaskInstanceRecord("publish", "publish", TaskStatus.Skipped, 0, null, null, null, ["load"]),
        ],
        [Record("p@manual-1/sub#1", RunStatus.Suspended, RunTrigger.Parent)],
        ["Version 3 of pipeline 'p', which run 'p@manual-1' was started with, is no longer stored."]);

    [Fact]
    public void A_run_detail_is_written_as_the_model_record_was()
    {
        var before = JsonSerializer.Serialize(Detail, ApiJson.Options);

        var after = JsonSerializer.Serialize(Detail.ToContract(), ApiJson.Options);

        Assert.Equal(before, after);
    }

    [Fact]
    public void A_runs_page_attempts_and_a_log_range_are_written_as_the_model_records_were()
    {
        var page = new Page<RunRecord>([Detail.Run, Record("p@manual-2", RunStatus.Queued, RunTrigger.Schedule)], "t1");
        var attempt = new TaskAttemptRecord("p@manual-1", "load[0]", 2, TaskStatus.Failed, At, At.AddSeconds(1),
            At.AddSeconds(2), "exit-code", "exit 3", JsonDocument.Parse("""{"rows": 7}""").RootElement, 1234);
        var chunk = new Workflow.Services.LogChunk(10, 200, "line\n", true);

        Assert.Equal(JsonSerializer.Serialize(new { page.Items, page.ContinuationToken }, ApiJson.Options),
            JsonSerializer.Serialize(page.ToContract(), ApiJson.Options));
        Assert.Equal(JsonSerializer.Serialize(attempt, ApiJson.Options),
            JsonSerializer.Serialize(attempt.ToContract(), ApiJson.Options));
        Assert.Equal(JsonSerializer.Serialize(chunk, ApiJson.Options),
            JsonSerializer.Serialize(chunk.ToContract(), ApiJson.Options));
    }

    [Fact]
    public void What_the_API_writes_the_client_context_reads_back_whole()
    {
        var written = JsonSerializer.Serialize(Detail.ToContract(), ApiJson.Options);

        var read = JsonSerializer.Deserialize(written, ContractsJsonContext.Default.RunDetail)!;

        Assert.Equal(written, JsonSerializer.Serialize(read, ApiJson.Options));
        Assert.Equal("retry-wait", read.Tasks[1].Status);
        Assert.Equal("suspended", read.Children![0].Status);
        Assert.Equal(Detail.Notices, read.Notices);
    }
}
