using System.Text.Json;
using Workflow.Engine.Tests.Support;
using Workflow.Runtime.Handlers;
using static Workflow.Engine.Tests.Support.Pipelines;

namespace Workflow.Engine.Tests.Services;

public sealed class PipelineReadTests
{
    [Fact]
    public async Task Listing_again_reuses_each_unchanged_version_and_reads_a_new_version_once_it_is_saved()
    {
        // Arrange
        await using var engine = await TestEngine.StartAsync(s => s.AddCodeHandler("noop",
            (_, _, _) => ValueTask.FromResult<JsonElement?>(null)));
        await engine.Workflow.UpsertPipelineAsync(Define("kept", Code("a", "noop")), null, "ana",
            CancellationToken.None);
        await engine.Workflow.UpsertPipelineAsync(Define("changed", Code("a", "noop")), null, "ana",
            CancellationToken.None);
        var before = (await engine.Workflow.ListPipelinesAsync(CancellationToken.None))
            .ToDictionary(p => p.Definition.Id);

        // Act
        await engine.Workflow.UpsertPipelineAsync(Define("changed", Code("a", "noop"), Code("b", "noop", null, "a")),
            1, "bo", CancellationToken.None);
        var after = (await engine.Workflow.ListPipelinesAsync(CancellationToken.None))
            .ToDictionary(p => p.Definition.Id);
        var first = await engine.Workflow.GetPipelineAsync("changed", 1, CancellationToken.None);

        // Assert: the same record, not parsed again; the changed one at its new version, its old one still readable.
        Assert.Same(before["kept"], after["kept"]);
        Assert.Equal((2, 2), (after["changed"].Version, after["changed"].Definition.Tasks.Count));
        Assert.NotNull(first);
        Assert.Equal((1, 1), (first.Version, first.Definition.Tasks.Count));
    }
}
