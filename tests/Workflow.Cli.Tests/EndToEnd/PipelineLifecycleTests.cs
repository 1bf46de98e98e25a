using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workflow.Cli.Tests.Support;

namespace Workflow.Cli.Tests.EndToEnd;

[Collection(HostCollection.Name)]
public sealed class PipelineLifecycleTests(HostFixture fixture) : EndToEndTest(fixture)
{
    [Fact]
    public async Task Login_apply_trigger_watch_logs_and_schedule_preview_work_against_the_real_host()
    {
        // Arrange
        await LoginAsync();
        var file = PipelineCopy("etl.json", out var id);
        var changed = PipelineCopy("etl.json", out _, j => { j["id"] = id; j["description"] = "Changed."; });

        // Act + Assert: apply creates; an identical apply changes nothing; a changed file updates over the version
        // just read (If-Match).
        Assert.Equal($"Created pipeline {id} (version 1).", (await SucceedsAsync("pipelines", "apply", "-f", file)).Trim());
        Assert.Equal($"Pipeline {id} is unchanged (version 1).", (await SucceedsAsync("pipelines", "apply", "-f", file)).Trim());
        Assert.Equal($"Updated pipeline {id}: version 1 -> 2.", (await SucceedsAsync("pipelines", "apply", "-f", changed)).Trim());
        Assert.Contains(Lines(await SucceedsAsync("pipelines", "list")), l => l.StartsWith(id, StringComparison.Ordinal)
            && l.Contains(" 2 ", StringComparison.Ordinal) && l.Contains("data-eng", StringComparison.Ordinal));
        Assert.Contains("\"expectedDuration\": \"3s\"", await SucceedsAsync("pipelines", "show", id), StringComparison.Ordinal);

        // Trigger with a parameter, then watch to the end with plain (non-interactive) output.
        var runId = await TriggerAsync(id, "--param", "day=2024-05-01");
        Assert.Matches(ManualRunId(), runId);
        var watch = await SucceedsAsync("watch", runId);
        var lines = Lines(watch).ToList();
        Assert.Equal($"Watching run {runId} of {id} (Ctrl+C stops watching, not the run).", lines[0]);
        Assert.Contains("[100%] succeeded: 3/3 tasks done", watch, StringComparison.Ordinal);
        Assert.Matches($"^Run {Regex.Escape(runId)} succeeded in .+: 3 succeeded, 0 failed, 0 skipped, 0 cancelled\\.$", lines[^1]);
        var extract = lines.FindIndex(l => l.StartsWith("extract succeeded in", StringComparison.Ordinal));
        var load = lines.FindIndex(l => l.StartsWith("load succeeded in", StringComparison.Ordinal));
        Assert.InRange(extract, 1, load - 1);

        // The task's log, the run in the list and in detail, and the schedule's next fire times.
        Assert.Equal("extracting rows\nrows=3\n", await SucceedsAsync("logs", runId, "extract"));
        Assert.Equal("rows=3\n", await SucceedsAsync("logs", runId, "extract", "--tail", "7"));
        Assert.Contains(runId, await SucceedsAsync("runs", "list", "--pipeline", id), StringComparison.Ordinal);
        var show = await SucceedsAsync("runs", "show", runId);
        Assert.Contains("Status    succeeded (manual)", show, StringComparison.Ordinal);
        Assert.Equal(3, Lines(show).Count(l => l.Contains("succeeded", StringComparison.Ordinal) && !l.StartsWith("Status", StringComparison.Ordinal)));
        var preview = Lines(await SucceedsAsync("schedule", "preview", id, "--count", "3"));
        var rows = preview.Where(l => l.Contains("Europe/Berlin", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Matches(@"\d{4}-\d\d-\d\d 0[45]:00:00Z", r)); // 06:00 Berlin is 04:00 or 05:00 UTC.
    }

    [Fact]
    public async Task A_bad_pipeline_file_gets_the_servers_field_errors_one_per_line_and_a_non_zero_exit()
    {
        await LoginAsync();
        var file = PipelineCopy("broken.json", out var id);

        var result = await Cli.RunAsync("pipelines", "apply", "-f", file);

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        var lines = Lines(result.Error);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains("(HTTP 400", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^- (\$\.)?tasks\[1\]\.dependsOn\[0\]: .*'extrct'.*\(hint: .+\)$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^- (\$\.)?schedules\[0\]\.cron: .*'61 \* \* \* \*'"));
        Assert.Empty(result.Out);
        var show = await Cli.RunAsync("pipelines", "show", id);
        Assert.Equal(ExitCodes.Error, show.ExitCode);
        Assert.StartsWith($"error: There is no pipeline '{id}'", show.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_field_is_refused_with_the_known_spelling_and_nothing_is_stored()
    {
        await LoginAsync();
        var file = PipelineCopy("tiny.json", out var id, json =>
        {
            var task = json["tasks"]![0]!.AsObject();
            task["depends_on"] = new JsonArray();
        });

        var result = await Cli.RunAsync("pipelines", "apply", "-f", file);

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains(Lines(result.Error),
            l => Regex.IsMatch(l, @"^- (\$\.)?tasks\[0\]\.depends_on: .*\(hint: Did you mean 'dependsOn'\?\)$"));
        Assert.Equal(ExitCodes.Error, (await Cli.RunAsync("pipelines", "show", id)).ExitCode);
    }

    [Fact]
    public async Task A_file_that_is_not_JSON_is_reported_with_its_line_before_anything_is_sent()
    {
        using var dir = new TempDirectory();
        var path = dir.File("typo.json");
        await File.WriteAllTextAsync(path, "{\n  \"id\": \"cli-typo\",\n  \"tasks\": [,]\n}");

        var result = await Cli.RunAsync("pipelines", "apply", "-f", path);

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.StartsWith("error: 'typo.json' is not valid JSON at line 3", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_pipeline_makes_it_unknown_afterwards()
    {
        await LoginAsync();
        var path = PipelineCopy("tiny.json", out var id);
        await SucceedsAsync("pipelines", "apply", "-f", path);

        Assert.Equal($"Deleted pipeline {id}.", (await SucceedsAsync("pipelines", "delete", id)).Trim());
        var again = await Cli.RunAsync("pipelines", "delete", id);

        Assert.Equal(ExitCodes.Error, again.ExitCode);
        Assert.Contains("(HTTP 404", again.Error, StringComparison.Ordinal);
        Assert.Contains(id, again.Error, StringComparison.Ordinal);
    }
}
