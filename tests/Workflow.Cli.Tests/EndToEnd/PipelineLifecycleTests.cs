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
        var file = RepoPaths.Pipeline("etl.json");

        // Act + Assert: apply creates, applying again updates over the version just read (If-Match).
        Assert.Equal("Created pipeline cli-etl (version 1).", (await SucceedsAsync("pipelines", "apply", "-f", file)).Trim());
        Assert.Equal("Updated pipeline cli-etl: version 1 -> 2.", (await SucceedsAsync("pipelines", "apply", "-f", file)).Trim());
        Assert.Contains(Lines(await SucceedsAsync("pipelines", "list")), l => l.StartsWith("cli-etl", StringComparison.Ordinal)
            && l.Contains(" 2 ", StringComparison.Ordinal) && l.Contains("data-eng", StringComparison.Ordinal));
        Assert.Contains("\"expectedDuration\": \"3s\"", await SucceedsAsync("pipelines", "show", "cli-etl"), StringComparison.Ordinal);

        // Trigger with a parameter, then watch to the end with plain (non-interactive) output.
        var runId = await TriggerAsync("cli-etl", "--param", "day=2024-05-01");
        Assert.Matches(ManualRunId(), runId);
        var watch = await SucceedsAsync("watch", runId);
        var lines = Lines(watch);
        Assert.Equal($"Watching run {runId} of cli-etl (Ctrl+C stops watching, not the run).", lines[0]);
        Assert.Contains("extract succeeded in", watch, StringComparison.Ordinal);
        Assert.Contains("load succeeded in", watch, StringComparison.Ordinal);
        Assert.Contains("[100%] succeeded: 3/3 tasks done", watch, StringComparison.Ordinal);
        Assert.Matches($"^Run {System.Text.RegularExpressions.Regex.Escape(runId)} succeeded in .+: 3 succeeded, 0 failed, 0 skipped, 0 cancelled\\.$", lines[^1]);
        Assert.True(lines.ToList().FindIndex(l => l.StartsWith("extract succeeded", StringComparison.Ordinal))
            < lines.ToList().FindIndex(l => l.StartsWith("load succeeded", StringComparison.Ordinal)));

        // The task's log, the run in the list and in detail, and the schedule's next fire times.
        Assert.Equal("extracting rows\nrows=3\n", await SucceedsAsync("logs", runId, "extract"));
        Assert.Equal("rows=3\n", await SucceedsAsync("logs", runId, "extract", "--tail", "7"));
        Assert.Contains(runId, await SucceedsAsync("runs", "list", "--pipeline", "cli-etl"), StringComparison.Ordinal);
        var show = await SucceedsAsync("runs", "show", runId);
        Assert.Contains("Status    succeeded (manual)", show, StringComparison.Ordinal);
        Assert.Equal(3, Lines(show).Count(l => l.Contains("succeeded", StringComparison.Ordinal) && !l.StartsWith("Status", StringComparison.Ordinal)));
        var preview = Lines(await SucceedsAsync("schedule", "preview", "cli-etl", "--count", "3"));
        var rows = preview.Where(l => l.Contains("Europe/Berlin", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Matches(@"\d{4}-\d\d-\d\d 0[45]:00:00Z", r)); // 06:00 Berlin is 04:00 or 05:00 UTC.
    }

    [Fact]
    public async Task A_bad_pipeline_file_gets_the_servers_field_errors_one_per_line_and_a_non_zero_exit()
    {
        await LoginAsync();

        var result = await Cli.RunAsync("pipelines", "apply", "-f", RepoPaths.Pipeline("broken.json"));

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        var lines = Lines(result.Error);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains("(HTTP 400", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("- tasks[1].dependsOn[0]: ", StringComparison.Ordinal)
            && l.Contains("'extrct'", StringComparison.Ordinal) && l.Contains("hint:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("- schedules[0].cron: ", StringComparison.Ordinal));
        Assert.Empty(result.Out);
        var show = await Cli.RunAsync("pipelines", "show", "cli-broken");
        Assert.Equal(ExitCodes.Error, show.ExitCode);
        Assert.StartsWith("error: There is no pipeline 'cli-broken'", show.Error, StringComparison.Ordinal);
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
        using var dir = new TempDirectory();
        var path = dir.File("temp.json");
        await File.WriteAllTextAsync(path, """
            {"id":"cli-temp","ownerGroup":"data-eng","tasks":[{"id":"a","kind":"process","config":{"command":"true"}}]}
            """);
        await SucceedsAsync("pipelines", "apply", "-f", path);

        Assert.Equal("Deleted pipeline cli-temp.", (await SucceedsAsync("pipelines", "delete", "cli-temp")).Trim());
        var again = await Cli.RunAsync("pipelines", "delete", "cli-temp");

        Assert.Equal(ExitCodes.Error, again.ExitCode);
        Assert.Contains("(HTTP 404", again.Error, StringComparison.Ordinal);
        Assert.Contains("cli-temp", again.Error, StringComparison.Ordinal);
    }
}
