using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Services;

namespace Workflow.Engine.Tests.Handlers;

public sealed class ProcessTaskHandlerTests
{
    private static TaskDefinition Shell(string id, string script, TimeSpan? timeout = null) => new()
    {
        Id = id,
        Kind = "process",
        Config = Pipelines.ToJson(new { command = "sh", args = new[] { "-c", script }, env = new { GREETING = "hello" } }),
        Timeout = timeout,
    };

    [Fact]
    public async Task Stdout_and_stderr_go_to_the_log_and_a_non_zero_exit_fails_with_process_exit()
    {
        // Arrange
        await using var engine = await TestEngine.StartAsync();
        var pipeline = Pipelines.Define("shell",
            Shell("talk", "echo \"$GREETING from $WF_IDEMPOTENCY_KEY\"; echo 'to stderr' >&2"),
            Shell("fail", "echo 'disk full' >&2; exit 3"));

        // Act
        var run = await engine.StartRunAsync(pipeline);
        var status = await engine.WaitAsync(run.RunId);

        // Assert
        Assert.Equal(RunStatus.Failed, status);
        var log = await engine.Workflow.ReadLogAsync(run.RunId, "talk", 1, LogRange.From(0, 4096), CancellationToken.None);
        Assert.NotNull(log);
        Assert.Contains($"hello from {run.RunId}/talk/1", log.Text);
        Assert.Contains("to stderr", log.Text);
        Assert.True(log.Complete);
        var fail = Assert.Single(await engine.Workflow.ListAttemptsAsync(run.RunId, "fail", CancellationToken.None));
        Assert.Equal(ErrorKinds.ProcessExit, fail.ErrorKind);
        Assert.Contains("code 3", fail.Error);
        Assert.Contains("disk full", fail.Error);
    }

    [Fact]
    public async Task A_log_read_in_chunks_whose_ends_split_characters_shows_each_character_whole_and_once()
    {
        // Arrange: "aé日本" is 1 + 2 + 3 + 3 bytes, so chunks of 2 bytes end inside é, 日 and 本.
        await using var engine = await TestEngine.StartAsync();
        var pipeline = Pipelines.Define("utf8-log", Shell("say", "echo 'aé日本'"));
        var run = await engine.StartRunAsync(pipeline);
        Assert.Equal(RunStatus.Succeeded, await engine.WaitAsync(run.RunId));

        // Act: read on as a client does, from the offset plus the range's length.
        var text = "";
        LogChunk? chunk;
        long offset = 0;
        do
        {
            chunk = await engine.Workflow.ReadLogAsync(run.RunId, "say", 1, LogRange.From(offset, 2),
                CancellationToken.None);
            text += chunk!.Text;
            offset = chunk.Offset + Math.Min(2, chunk.TotalBytes - chunk.Offset);
        }
        while (offset < chunk.TotalBytes);
        var tail = await engine.Workflow.ReadLogAsync(run.RunId, "say", 1, LogRange.LastBytes(5, 100),
            CancellationToken.None);

        // Assert
        Assert.Equal("aé日本\n", text);
        Assert.Equal("本\n", tail!.Text);
    }

    [Fact]
    public async Task Cancelling_a_run_kills_the_whole_process_tree()
    {
        // Arrange
        await using var engine = await TestEngine.StartAsync();
        var pidFile = Path.Combine(engine.DataDirectory, "child.pid");
        var pipeline = Pipelines.Define("long", Shell("sleepy", $"sleep 300 & echo $! > '{pidFile}'; wait"));
        var run = await engine.StartRunAsync(pipeline);
        await Poll.UntilAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0,
            "the grandchild to start");
        var grandchild = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(ProcessTable.IsAlive(grandchild));

        // Act
        await engine.Workflow.CancelRunAsync(run.RunId, "test", "no longer needed", CancellationToken.None);
        var status = await engine.WaitAsync(run.RunId);

        // Assert
        Assert.Equal(RunStatus.Cancelled, status);
        await Poll.UntilAsync(() => !ProcessTable.IsAlive(grandchild), "the grandchild process to be killed");
    }

    [Fact]
    public async Task A_process_that_outlives_its_timeout_is_killed_and_fails_with_timeout()
    {
        // Arrange
        await using var engine = await TestEngine.StartAsync();
        var pipeline = Pipelines.Define("slow", Shell("forever", "sleep 300", TimeSpan.FromSeconds(1)));

        // Act
        var run = await engine.StartRunAsync(pipeline);
        var status = await engine.WaitAsync(run.RunId);

        // Assert
        Assert.Equal(RunStatus.Failed, status);
        var attempt = Assert.Single(await engine.Workflow.ListAttemptsAsync(run.RunId, null, CancellationToken.None));
        Assert.Equal(ErrorKinds.Timeout, attempt.ErrorKind);
    }

    [Fact]
    public async Task A_process_reads_upstream_outputs_from_its_input_file_and_sets_its_output_through_the_output_file()
    {
        // Arrange
        await using var engine = await TestEngine.StartAsync();
        var pipeline = Pipelines.Define("files",
            Shell("produce", "printf '{\"rows\": 42}' > \"$WF_OUTPUT_FILE\""),
            Shell("consume", "cp \"$WF_INPUT_FILE\" \"$WF_OUTPUT_FILE\"") with { DependsOn = ["produce"] },
            Shell("silent", "true"));

        // Act
        var run = await engine.StartRunAsync(pipeline);
        var status = await engine.WaitAsync(run.RunId);

        // Assert
        Assert.Equal(RunStatus.Succeeded, status);
        var consume = Assert.Single(await engine.Workflow.ListAttemptsAsync(run.RunId, "consume", CancellationToken.None));
        Assert.Equal(42, consume.Output!.Value.GetProperty("produce").GetProperty("rows").GetInt32());
        var silent = Assert.Single(await engine.Workflow.ListAttemptsAsync(run.RunId, "silent", CancellationToken.None));
        Assert.Equal(0, silent.Output!.Value.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task Output_that_is_not_json_fails_the_attempt_as_invalid_input_naming_the_file()
    {
        // Arrange
        await using var engine = await TestEngine.StartAsync();
        var pipeline = Pipelines.Define("bad-output", Shell("garbled", "echo 'rows: 42' > \"$WF_OUTPUT_FILE\""));

        // Act
        var run = await engine.StartRunAsync(pipeline);
        var status = await engine.WaitAsync(run.RunId);

        // Assert
        Assert.Equal(RunStatus.Failed, status);
        var attempt = Assert.Single(await engine.Workflow.ListAttemptsAsync(run.RunId, null, CancellationToken.None));
        Assert.Equal(ErrorKinds.InvalidInput, attempt.ErrorKind);
        Assert.Contains("WF_OUTPUT_FILE", attempt.Error);
    }
}
