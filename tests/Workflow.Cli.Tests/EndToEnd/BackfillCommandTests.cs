using System.Text.Json.Nodes;
using Workflow.Cli.Tests.Support;

namespace Workflow.Cli.Tests.EndToEnd;

[Collection(HostCollection.Name)]
public sealed class BackfillCommandTests(HostFixture fixture) : EndToEndTest(fixture)
{
    private string DailyPipeline(out string id, string? end = null) =>
        PipelineCopy("tiny.json", out id, json =>
        {
            var schedule = new JsonObject { ["name"] = "daily", ["kind"] = "cron", ["cron"] = "0 2 * * *" };
            if (end is not null)
            {
                schedule["end"] = end;
            }

            json["schedules"] = new JsonArray(schedule);
        });

    [Fact]
    public async Task Backfill_starts_one_run_per_day_shows_progress_to_the_end_and_a_repeat_starts_none()
    {
        // Arrange
        await LoginAsync();
        await SucceedsAsync("pipelines", "apply", "-f", DailyPipeline(out var id));

        // Act
        var first = Lines(await SucceedsAsync("pipelines", "backfill", id, "--from", "2026-03-01", "--to",
            "2026-03-03T23:59:59Z", "--max-active", "2"));
        var repeat = Lines(await SucceedsAsync("pipelines", "backfill", id, "--from", "2026-03-01", "--to",
            "2026-03-03T23:59:59Z"));
        var runs = await SucceedsAsync("runs", "list", "--pipeline", id);

        // Assert
        Assert.Matches($"^Backfill bf-\\S+ of {id}: 3 runs of schedule daily, 0 already run, at most 2 at a time\\.$", first[0]);
        Assert.Matches("^Backfill bf-\\S+ done: 3 succeeded, 0 failed, 0 skipped\\.$", first[^1]);
        Assert.Contains("started 3/3: 3 succeeded, 0 failed, 0 running, 0 waiting, 0 skipped", first);
        Assert.Contains("3 runs of schedule daily, 3 already run", repeat[0], StringComparison.Ordinal);
        foreach (var day in new[] { "20260301", "20260302", "20260303" })
        {
            Assert.Contains($"{id}@{day}T020000Z", runs, StringComparison.Ordinal);
        }

        Assert.Equal(3, Lines(runs).Count(l => l.Contains("backfill", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Schedule_list_shows_a_schedule_past_its_end_as_expired()
    {
        await LoginAsync();
        await SucceedsAsync("pipelines", "apply", "-f", DailyPipeline(out var id, end: "2020-01-01T00:00:00Z"));

        var list = Lines(await SucceedsAsync("schedule", "list", id));

        Assert.Contains(list, l => l.StartsWith("daily", StringComparison.Ordinal) && l.Contains("expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_over_limit_range_is_refused_with_the_count()
    {
        await LoginAsync();
        await SucceedsAsync("pipelines", "apply", "-f", DailyPipeline(out var id));

        var result = await Cli.RunAsync("pipelines", "backfill", id, "--from", "2020-01-01", "--to", "2026-01-01");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("2,192 occurrences", result.Error, StringComparison.Ordinal);
    }
}
