using System.Diagnostics;
using System.Globalization;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers.Process;
using Workflow.Services;

namespace Workflow.Engine.Tests.Handlers;

/// <summary>
/// Process tasks run in their own process group, marked with their data directory, so that the next engine on
/// that directory can kill whatever a crashed one left running.
/// </summary>
public sealed class ProcessGroupTests
{
    [Fact]
    public async Task A_process_task_leads_its_own_process_group_and_carries_its_data_directory()
    {
        // Arrange
        await using var engine = await TestEngine.StartAsync();
        var pipeline = Pipelines.Define("grouped", new TaskDefinition
        {
            Id = "who",
            Kind = "process",
            Config = Pipelines.ToJson(new
            {
                command = "sh",
                args = new[] { "-c", "echo \"$$ $(cut -d' ' -f5 /proc/$$/stat) $WF_DATA_DIRECTORY\"" },
            }),
        });

        // Act
        var run = await engine.StartRunAsync(pipeline);
        var status = await engine.WaitAsync(run.RunId);

        // Assert
        Assert.Equal(RunStatus.Succeeded, status);
        var log = await engine.Workflow.ReadLogAsync(run.RunId, "who", 1, LogRange.From(0, 4096), CancellationToken.None);
        var fields = log!.Text.Trim().Split(' ', 3);
        Assert.Equal(fields[0], fields[1]);
        Assert.Equal(engine.DataDirectory, fields[2]);
    }

    [Fact]
    public async Task Starting_an_engine_kills_the_process_groups_a_previous_host_on_its_directory_left_running()
    {
        // Arrange: what a host killed with SIGKILL leaves: a task's group, its leader and a grandchild.
        var directory = TempDirectory.Create();
        var pids = Path.Combine(directory, "orphan.pids");
        using var orphan = StartOrphan(directory, $"sleep 300 & echo \"$$ $!\" > '{pids}'; wait");
        using var stranger = StartOrphan(TempDirectory.Create(), "sleep 300");
        await Poll.UntilAsync(() => File.Exists(pids) && File.ReadAllText(pids).EndsWith('\n'), "the orphan to start");
        var family = File.ReadAllText(pids).Split(' ', StringSplitOptions.TrimEntries)
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
        Assert.All(family, pid => Assert.True(ProcessTable.IsAlive(pid)));

        // Act
        await using var engine = await TestEngine.StartAsync(dataDirectory: directory);

        // Assert
        await Poll.UntilAsync(() => family.All(pid => !ProcessTable.IsAlive(pid)), "the orphans to die");
        Assert.True(ProcessTable.IsAlive(stranger.Id), "a process of another data directory was killed");
        Assert.True(engine.Logs.Has(Log.Ids.OrphansKilled));
        stranger.Kill(entireProcessTree: true);
    }

    private static Process StartOrphan(string dataDirectory, string script)
    {
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var arg in new[] { "sh", "-c", script })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[ProcessTaskOptions.DataDirectoryVariable] = dataDirectory;
        return Process.Start(start)!;
    }
}
