using System.Globalization;
using Workflow.Host.Tests.Browser;

namespace Workflow.Host.Tests.EndToEnd;

/// <summary>
/// A process task's children outlive a host killed with SIGKILL; the next host on the directory kills them before
/// it delivers the attempt again, so the attempt never runs beside its orphan.
/// </summary>
public sealed class OrphanTests
{
    private static readonly string[] NoSamples = ["--Workflow:Samples=false"];

    [Fact]
    public async Task The_processes_of_a_task_whose_host_was_killed_are_gone_before_the_attempt_runs_again()
    {
        // Arrange: a task whose shell and background sleep wait at a gate, on a host killed with SIGKILL.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var directory = Directory.CreateTempSubdirectory("wf-host-orphan-").FullName;
        var lives = Path.Combine(directory, "lives.txt");
        var gate = Path.Combine(directory, "gate");
        var script = $"sleep 300 & echo \"$$ $!\" >> '{lives}'; " +
            $"while [ ! -f '{gate}' ]; do sleep 0.05; done; kill $!";
        string runId;
        await using (var first = await HostProcess.StartAsync(NoSamples, deadline.Token, directory))
        {
            using var api = new ApiClient(first.BaseAddress);
            var token = await api.DevTokenAsync("alice", ["data-eng"], ["editor"]);
            await api.CreatePipelineAsync(token, ShellPipelines.Define("orphaned", 1, script));
            runId = await api.TriggerAsync(token, "orphaned");
            await Poll.UntilAsync(() => ShellPipelines.Lines(lives).Count == 1, "the task to start");
            await first.CrashAsync(deadline.Token);
        }

        var orphans = Pids(ShellPipelines.Lines(lives)[0]);
        Assert.All(orphans, pid => Assert.True(ProcessTable.IsAlive(pid), $"{pid} died with the host"));

        // Act
        List<int> besideRedelivery;
        string status;
        await using (var second = await HostProcess.StartAsync(NoSamples, deadline.Token, directory))
        {
            await Poll.UntilAsync(() => ShellPipelines.Lines(lives).Count == 2, "the attempt to run again");
            besideRedelivery = orphans.Where(ProcessTable.IsAlive).ToList();
            await File.WriteAllTextAsync(gate, "open", deadline.Token);
            using var api = new ApiClient(second.BaseAddress);
            var token = await api.DevTokenAsync("alice", ["data-eng"], ["viewer"]);
            status = await api.WaitForRunToFinishAsync(token, runId, TimeSpan.FromMinutes(2));
        }

        // Assert
        Assert.Empty(besideRedelivery);
        Assert.Equal("succeeded", status);
        Assert.Equal(2, ShellPipelines.Lines(lives).Count);
        var deliveries = await SqliteFile.QueryLongsAsync(ShellPipelines.Database(directory),
            "SELECT deliveries FROM task_attempts WHERE status = 'succeeded';");
        Assert.Equal([2L], deliveries);
        Directory.Delete(directory, recursive: true);
    }

    private static List<int> Pids(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
}
