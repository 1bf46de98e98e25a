using System.Text.Json;
using Workflow.Building;
using Workflow.Model;
using Workflow.Services;
using static Workflow.Building.Tasks;

namespace Workflow.Core.Tests.Building;

public class PipelineSourceSetTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_stored_pipeline_wins_over_a_sources_pipeline_of_the_same_id()
    {
        // Arrange
        var set = new PipelineSourceSet([new Tables("shared", "generated")]);
        var stored = new PipelineRecord(Define("shared", "stored-task"), 3, "\"v3\"", Now, "ana");

        // Act
        var merged = PipelineSourceSet.Merge([stored], await set.ListAsync(Now, CancellationToken.None));

        // Assert
        Assert.Equal([("shared", false), ("generated", true)], merged.Select(p => (p.Definition.Id, p.IsDynamic)));
        Assert.Equal("stored-task", merged[0].Definition.Tasks[0].Id);
    }

    [Fact]
    public async Task A_sources_pipeline_is_found_at_its_own_version_only()
    {
        // Arrange
        var set = new PipelineSourceSet([new Tables("generated")]);

        // Act
        var any = await set.GetAsync("generated", null, Now, CancellationToken.None);
        var first = await set.GetAsync("generated", 1, Now, CancellationToken.None);
        var second = await set.GetAsync("generated", 2, Now, CancellationToken.None);

        // Assert
        Assert.Equal((1, "\"v1\"", PipelineSourceSet.Actor), (any!.Version, any.ETag, any.UpdatedBy));
        Assert.NotNull(first);
        Assert.Null(second);
    }

    [Fact]
    public async Task A_run_definition_comes_from_the_source_that_lists_the_id_for_the_runs_context()
    {
        // Arrange
        var set = new PipelineSourceSet([new Tables("a"), new Tables("b")]);
        var context = new PipelineContext(Now, JsonSerializer.SerializeToElement(new { table = "orders" }));

        // Act
        var defined = await set.DefineAsync("b", context, CancellationToken.None);
        var unknown = await set.DefineAsync("c", context, CancellationToken.None);

        // Assert
        Assert.Equal("load-orders", Assert.Single(defined!.Tasks).Id);
        Assert.Null(unknown);
    }

    private static PipelineDefinition Define(string id, string task) =>
        Pipeline.Define(id, owner: "data-eng").Task(task, Process("true")).Build();

    /// <summary>Lists pipelines with a placeholder task; a run's definition loads the table its parameters name.</summary>
    private sealed class Tables(params string[] ids) : IPipelineSource
    {
        public ValueTask<IReadOnlyList<PipelineDefinition>> ListAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<PipelineDefinition>>(
                [.. ids.Select(id => Define(id, "generated-task"))]);

        public ValueTask<PipelineDefinition> DefineAsync(string pipelineId, PipelineContext context,
            CancellationToken cancellationToken) =>
            ValueTask.FromResult(Define(pipelineId,
                $"load-{context.Parameters!.Value.GetProperty("table").GetString()}"));
    }
}
