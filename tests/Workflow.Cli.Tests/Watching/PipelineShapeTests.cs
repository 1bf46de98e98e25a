using System.Text.Json;
using Workflow.Cli.Watching;
using static Workflow.Cli.Tests.Support.Tasks;

namespace Workflow.Cli.Tests.Watching;

public sealed class PipelineShapeTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private const string Definition = """
        {"id":"p","ownerGroup":"g","tasks":[
          {"id":"extract","kind":"delay","expectedDuration":"1m30s"},
          {"id":"load","kind":"delay","dependsOn":["extract"],"expectedDuration":"PT2M"},
          {"id":"publish","kind":"delay","dependsOn":["load"]}]}
        """;

    [Fact]
    public void Expected_durations_are_read_in_any_duration_syntax()
    {
        var shape = PipelineShape.FromDefinition(Json(Definition));

        Assert.Equal(TimeSpan.FromSeconds(90), shape.ExpectedByTaskId["extract"]);
        Assert.Equal(TimeSpan.FromMinutes(2), shape.ExpectedByTaskId["load"]);
        Assert.False(shape.ExpectedByTaskId.ContainsKey("publish"));
    }

    [Fact]
    public void A_running_run_shows_the_tasks_it_has_not_reached_yet_as_pending()
    {
        var shape = PipelineShape.FromDefinition(Json(Definition));
        var run = Run("running", Running("extract", TimeSpan.FromSeconds(1)));

        var tasks = shape.Complete(run);

        Assert.Equal(["extract:running", "load:pending", "publish:pending"], tasks.Select(t => $"{t.TaskKey}:{t.Status}"));
        Assert.Equal(["load"], tasks[2].DependsOn);
    }

    [Fact]
    public void An_unreadable_definition_gives_an_empty_shape_instead_of_an_error()
    {
        var shape = PipelineShape.FromDefinition(Json("""{"id":"p","tasks":[{"id":"a","kind":"delay","expectedDuration":"soon"}]}"""));

        Assert.Empty(shape.ExpectedByTaskId);
        Assert.Empty(shape.Tasks);
    }
}
