using Workflow.Cli.Tests.Support;

namespace Workflow.Cli.Tests.EndToEnd;

/// <summary><c>wf smoke</c> against a real embedded host: the same steps a user runs against a deployment.</summary>
[Collection(HostCollection.Name)]
public sealed class SmokeTests(HostFixture fixture) : EndToEndTest(fixture)
{
    [Fact]
    public async Task Smoke_applies_runs_follows_the_status_uri_reads_a_log_and_lists_alerts()
    {
        // Arrange
        await LoginAsync();

        // Act
        var output = await SucceedsAsync("smoke", "--group", "data-eng");

        // Assert
        var lines = Lines(output);
        Assert.Equal(8, lines.Length);
        for (var step = 1; step <= 7; step++)
        {
            Assert.StartsWith($"[{step}/7] ", lines[step - 1], StringComparison.Ordinal);
            Assert.Contains(" ok, ", lines[step - 1], StringComparison.Ordinal);
            Assert.DoesNotContain("FAILED", lines[step - 1], StringComparison.Ordinal);
        }

        Assert.Contains("ended succeeded", lines[3], StringComparison.Ordinal);
        Assert.Contains("4 tasks succeeded", lines[4], StringComparison.Ordinal);
        Assert.Contains("hello: \"hello from ", lines[5], StringComparison.Ordinal);
        Assert.StartsWith("Smoke check passed against ", lines[7], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Smoke_of_a_failing_pipeline_names_the_step_and_the_failed_task()
    {
        // Arrange
        await LoginAsync();
        var file = PipelineCopy("failing.json", out _);

        // Act
        var result = await Cli.RunAsync("smoke", "--group", "data-eng", "--file", file);

        // Assert
        Assert.True(result.ExitCode == ExitCodes.Error, result + Host.Output);
        var lines = Lines(result.Out);
        Assert.StartsWith("[5/7] run succeeded: FAILED: ", lines[4], StringComparison.Ordinal);
        Assert.Contains("explode failed", lines[4], StringComparison.Ordinal);
        Assert.Equal($"Smoke check FAILED at step 5 of 7 against {Host.BaseAddress}.", lines[5]);
    }

    [Fact]
    public async Task Smoke_without_a_token_fails_at_the_apply_step_and_says_why()
    {
        // Act: health is anonymous; applying needs a token.
        var result = await Cli.RunAsync("smoke", "--group", "data-eng", "--token", "not-a-token");

        // Assert
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        var lines = Lines(result.Out);
        Assert.Contains(": ok", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("[2/7] apply pipeline wf-smoke: FAILED: ", lines[1], StringComparison.Ordinal);
    }
}
