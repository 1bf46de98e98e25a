using Workflow.Host.Tests.Browser;

namespace Workflow.Host.Tests.EndToEnd;

/// <summary>
/// A task's timeout counts from each delivery's start: a host killed with SIGKILL and kept down for longer than
/// the timeout does not turn its own downtime into a timeout of the attempt it delivers again.
/// </summary>
public sealed class TimeoutCrashTests
{
    private static readonly string[] NoSamples = ["--Workflow:Samples=false"];

    // Generous, so that the redelivery's 2 s of work (process start and commits included) stays far inside it on a
    // loaded machine; the downtime must be longer than it, since that is what this test is about.
    private const string TaskTimeout = "20s";
    private static readonly TimeSpan Downtime = TimeSpan.FromSeconds(21);

    [Fact]
    public async Task A_host_down_longer_than_a_task_timeout_delivers_the_attempt_again_and_the_run_succeeds()
    {
        // Arrange: a task whose first delivery stays in flight until its host is killed with SIGKILL (the next host
        // kills what it left), and whose later delivery takes 2 s of its 20 s timeout.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var directory = Directory.CreateTempSubdirectory("wf-host-timeout-").FullName;
        var starts = Path.Combine(directory, "starts.txt");
        var script = $"echo \"$$\" >> '{starts}'; " +
            $"if [ \"$(grep -c . '{starts}')\" -eq 1 ]; then sleep 300; else sleep 2; fi";
        string runId;
        await using (var first = await HostProcess.StartAsync(NoSamples, deadline.Token, directory))
        {
            using var api = new ApiClient(first.BaseAddress);
            var token = await api.DevTokenAsync("alice", ["data-eng"], ["editor"]);
            await api.CreatePipelineAsync(token, ShellPipelines.Define("timed", 1, script, timeout: TaskTimeout));
            runId = await api.TriggerAsync(token, "timed");
            await Poll.UntilAsync(() => ShellPipelines.Lines(starts).Count == 1, "the task to start");
            await first.CrashAsync(deadline.Token);
        }

        // The host stays down for longer than the timeout: time passing is the condition here, not a guess at one.
        await Task.Delay(Downtime, deadline.Token);

        // Act
        string status;
        await using (var second = await HostProcess.StartAsync(NoSamples, deadline.Token, directory))
        {
            using var api = new ApiClient(second.BaseAddress);
            var token = await api.DevTokenAsync("alice", ["data-eng"], ["viewer"]);
            status = await api.WaitForRunToFinishAsync(token, runId, TimeSpan.FromMinutes(2));
        }

        // Assert
        Assert.Equal("succeeded", status);
        Assert.Equal(2, ShellPipelines.Lines(starts).Count);
        var database = ShellPipelines.Database(directory);
        Assert.Equal([2L], await SqliteFile.QueryLongsAsync(database,
            "SELECT deliveries FROM task_attempts WHERE status = 'succeeded';"));
        Assert.Equal([0L], await SqliteFile.QueryLongsAsync(database,
            "SELECT count(*) FROM task_attempts WHERE error_kind = 'timeout';"));
        Directory.Delete(directory, recursive: true);
    }
}
