using Workflow.Host.Hosting;
using Workflow.Host.Tests.Browser;
using Workflow.Host.Tests.EndToEnd;

namespace Workflow.Host.Tests.Hosting;

/// <summary>
/// One writer per data directory, with real host processes: a second host on a directory in use exits at once,
/// and the lock dies with its holder, even by SIGKILL.
/// </summary>
public sealed class DataDirectoryLockTests
{
    private const int Width = 8;
    private static readonly string[] NoSamples = ["--Workflow:Samples=false"];

    [Fact]
    public async Task A_second_host_on_a_directory_in_use_exits_at_once_naming_the_holder_and_no_task_runs_twice()
    {
        // Arrange: every task of a fan-out is in flight on the first host, held at a gate.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var directory = Directory.CreateTempSubdirectory("wf-host-lock-").FullName;
        var effects = Path.Combine(directory, "effects.txt");
        var gate = Path.Combine(directory, "gate");
        int exitCode, holder;
        string refusal, status;
        await using (var first = await HostProcess.StartAsync(NoSamples, deadline.Token, directory))
        {
            using var api = new ApiClient(first.BaseAddress);
            var token = await api.DevTokenAsync("alice", ["data-eng"], ["editor"]);
            await api.CreatePipelineAsync(token, ShellPipelines.Define("held", Width,
                $"echo \"$WF_IDEMPOTENCY_KEY\" >> '{effects}'; while [ ! -f '{gate}' ]; do sleep 0.05; done"));
            var runId = await api.TriggerAsync(token, "held");
            await Poll.UntilAsync(() => ShellPipelines.Lines(effects).Count == Width, "every task to be in flight");
            holder = first.HostProcessId;

            // Act
            await using (var second = HostProcess.Launch(NoSamples, directory))
            {
                exitCode = await second.WaitForExitAsync(deadline.Token);
                refusal = second.Output;
            }

            await File.WriteAllTextAsync(gate, "open", deadline.Token);
            status = await api.WaitForRunToFinishAsync(token, runId, TimeSpan.FromMinutes(2));
        }

        // Assert
        Assert.Equal(WorkflowHost.DataDirectoryInUseExitCode, exitCode);
        Assert.Contains(Path.Combine(directory, ".workflow"), refusal, StringComparison.Ordinal);
        Assert.Contains($"process {holder}", refusal, StringComparison.Ordinal);
        Assert.Equal("succeeded", status);
        var executions = ShellPipelines.Lines(effects);
        Assert.Equal(Width, executions.Count);
        Assert.Equal(Width, executions.Distinct(StringComparer.Ordinal).Count());
        var deliveries = await SqliteFile.QueryLongsAsync(ShellPipelines.Database(directory),
            "SELECT deliveries FROM task_attempts;");
        Assert.Equal(Enumerable.Repeat(1L, Width), deliveries);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task A_host_starts_on_a_directory_whose_previous_host_was_killed_with_SIGKILL()
    {
        // Arrange
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var directory = Directory.CreateTempSubdirectory("wf-host-lock-").FullName;
        await using (var first = await HostProcess.StartAsync(NoSamples, deadline.Token, directory))
        {
            await first.CrashAsync(deadline.Token);
        }

        // Act
        int restarted;
        await using (var second = await HostProcess.StartAsync(NoSamples, deadline.Token, directory))
        {
            restarted = second.HostProcessId;
        }

        // Assert: StartAsync returned, so the new host answered /api/health on the directory.
        Assert.NotEqual(0, restarted);
        Assert.True(File.Exists(Path.Combine(directory, ".workflow", "workflow.lock")));
        Directory.Delete(directory, recursive: true);
    }
}
