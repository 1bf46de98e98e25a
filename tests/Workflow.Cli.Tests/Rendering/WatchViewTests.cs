using Workflow.Cli.Progress;
using Workflow.Cli.Rendering;
using static Workflow.Cli.Tests.Support.Tasks;

namespace Workflow.Cli.Tests.Rendering;

public sealed class WatchViewTests
{
    [Fact]
    public void A_frame_shows_the_run_a_progress_bar_with_the_servers_ETA_its_critical_path_and_a_row_per_task_running_first()
    {
        var expected = new Dictionary<string, TimeSpan> { ["extract"] = TimeSpan.FromSeconds(10), ["load"] = TimeSpan.FromSeconds(30) };
        var run = Run("running", Succeeded("extract", TimeSpan.FromSeconds(10)), Running("load", TimeSpan.FromSeconds(15), "extract"));
        var progress = ProgressEstimator.Estimate("running", run.Tasks, expected,
            Critical(TimeSpan.FromSeconds(15), "extract", "load"), Now);
        using var writer = new StringWriter();
        var console = CliEnvironment.PlainConsole(writer, 120);

        console.Write(WatchView.Frame(run, progress, Now));
        var lines = writer.ToString().Split('\n');

        Assert.StartsWith("p@manual-1  running  pipeline p v1", lines[0], StringComparison.Ordinal);
        Assert.Contains("62%  1/2 tasks done, 1 running  ETA 15.0s", lines[1], StringComparison.Ordinal);
        Assert.Equal("critical path: extract -> load", lines[2].TrimEnd());
        Assert.Equal(25, lines[1].Count(c => c == '━') - 15);
        var load = Array.FindIndex(lines,
            l => l.Contains("load", StringComparison.Ordinal) && l.Contains("running", StringComparison.Ordinal));
        var extract = Array.FindIndex(lines, l => l.Contains("extract", StringComparison.Ordinal) && l.Contains("succeeded", StringComparison.Ordinal));
        Assert.InRange(load, 3, extract - 1);
    }
}
