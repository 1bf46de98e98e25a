using Workflow.Cli.Watching;
using static Workflow.Cli.Tests.Support.Tasks;

namespace Workflow.Cli.Tests.Watching;

public sealed class PipelineShapeTests
{
    private static readonly PipelineOutline Outline = new("p", 1, [],
    [
        new TaskOutline("extract", [], 90),
        new TaskOutline("load", ["extract"], 120),
        new TaskOutline("publish", ["load"]),
    ]);

    [Fact]
    public void Expected_durations_are_the_outline_seconds_and_tasks_without_one_have_none()
    {
        var shape = PipelineShape.FromOutline(Outline);

        Assert.Equal(TimeSpan.FromSeconds(90), shape.ExpectedByTaskId["extract"]);
        Assert.Equal(TimeSpan.FromMinutes(2), shape.ExpectedByTaskId["load"]);
        Assert.False(shape.ExpectedByTaskId.ContainsKey("publish"));
    }

    [Fact]
    public void The_servers_estimates_take_the_place_of_the_outline_durations()
    {
        var shape = PipelineShape.FromOutline(Outline);
        var critical = Critical(TimeSpan.FromMinutes(1), "extract") with
        {
            ExpectedSeconds = new Dictionary<string, double> { ["extract"] = 30, ["publish"] = 5 },
        };

        var expected = shape.ExpectedWith(critical);

        Assert.Equal([("extract", TimeSpan.FromSeconds(30)), ("publish", TimeSpan.FromSeconds(5))],
            expected.OrderBy(e => e.Key).Select(e => (e.Key, e.Value)));
    }

    [Fact]
    public void Without_estimates_from_the_server_the_outline_durations_are_used()
    {
        var shape = PipelineShape.FromOutline(Outline);

        Assert.Same(shape.ExpectedByTaskId, shape.ExpectedWith(Critical(TimeSpan.FromMinutes(1), "extract")));
        Assert.Same(shape.ExpectedByTaskId, shape.ExpectedWith(null));
    }

    [Fact]
    public void A_running_run_shows_the_tasks_it_has_not_reached_yet_as_pending()
    {
        var shape = PipelineShape.FromOutline(Outline);
        var run = Run("running", Running("extract", TimeSpan.FromSeconds(1)));

        var tasks = shape.Complete(run);

        Assert.Equal(["extract:running", "load:pending", "publish:pending"], tasks.Select(t => $"{t.TaskKey}:{t.Status}"));
        Assert.Equal(["load"], tasks[2].DependsOn);
    }
}
