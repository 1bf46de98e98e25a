using System.Text.Json;
using Workflow.Api.Contracts;
using Workflow.Services;

namespace Workflow.Api.Tests.Contracts;

/// <summary>A backfill's answer is written as before, <c>done</c> included, which the server decides.</summary>
public sealed class BackfillMappingsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 1)]
    public void A_backfill_is_written_as_the_model_record_with_its_status_URI_was(int waiting, int running)
    {
        var at = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var record = new BackfillRecord("bf-1", "p", "daily", at, at.AddDays(2), 2, at, "olga",
            new BackfillProgress(5, 3, 1, 1, waiting, 2, 1, running));
        var before = JsonSerializer.Serialize(new
        {
            record.BackfillId,
            record.PipelineId,
            record.Schedule,
            record.From,
            record.To,
            record.MaxActiveRuns,
            record.CreatedAt,
            record.CreatedBy,
            record.Progress,
            StatusQueryGetUri = "http://h/status",
        }, ApiJson.Options);

        var after = JsonSerializer.Serialize(record.ToContract("http://h/status"), ApiJson.Options);

        Assert.Equal(before, after);
    }
}
