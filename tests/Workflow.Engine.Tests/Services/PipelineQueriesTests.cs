using Workflow.Engine.Tests.Support;
using static Workflow.Engine.Tests.Support.Pipelines;

namespace Workflow.Engine.Tests.Services;

public sealed class PipelineQueriesTests
{
    [Fact]
    public async Task Reads_after_a_change_a_delete_and_a_re_creation_give_the_stored_definition_of_each_version()
    {
        // Arrange
        await using var engine = await TestEngine.StartAsync();
        var workflow = engine.Workflow;
        var ct = CancellationToken.None;
        var one = Define("p", Code("a", "h")) with { Description = "one" };
        await workflow.UpsertPipelineAsync(one, null, "alice", ct);
        var firstRead = await workflow.GetPipelineAsync("p", null, ct);

        // Act
        await workflow.UpsertPipelineAsync(one with { Description = "two" }, 1, "alice", ct);
        var afterChange = await workflow.GetPipelineAsync("p", null, ct);
        var listed = Assert.Single(await workflow.ListPipelinesAsync(ct), p => p.Definition.Id == "p");
        var versionOne = await workflow.GetPipelineAsync("p", 1, ct);
        await workflow.DeletePipelineAsync("p", 2, "alice", ct);
        var afterDelete = await workflow.GetPipelineAsync("p", null, ct);
        await workflow.UpsertPipelineAsync(one with { Description = "three" }, null, "alice", ct);
        var afterRecreate = await workflow.GetPipelineAsync("p", null, ct);

        // Assert
        Assert.Equal(("one", 1), (firstRead?.Definition.Description, firstRead?.Version ?? 0));
        Assert.Equal(("two", 2), (afterChange?.Definition.Description, afterChange?.Version ?? 0));
        Assert.Equal(("two", 2), (listed.Definition.Description, listed.Version));
        Assert.Equal(("one", 1), (versionOne?.Definition.Description, versionOne?.Version ?? 0));
        Assert.Null(afterDelete);
        Assert.Equal(("three", 3), (afterRecreate?.Definition.Description, afterRecreate?.Version ?? 0));
    }

    [Fact]
    public async Task Reading_an_older_version_or_the_version_list_keeps_the_head_parsed_once()
    {
        // Arrange
        await using var engine = await TestEngine.StartAsync();
        var workflow = engine.Workflow;
        var ct = CancellationToken.None;
        var one = Define("p", Code("a", "h")) with { Description = "one" };
        await workflow.UpsertPipelineAsync(one, null, "alice", ct);
        await workflow.UpsertPipelineAsync(one with { Description = "two" }, 1, "alice", ct);
        var head = await workflow.GetPipelineAsync("p", null, ct);

        // Act
        var older = await workflow.GetPipelineAsync("p", 1, ct);
        var headAfterOlder = await workflow.GetPipelineAsync("p", null, ct);
        await workflow.ListPipelineVersionsAsync("p", ct);
        var listedAfterVersions = Assert.Single(await workflow.ListPipelinesAsync(ct), p => p.Definition.Id == "p");
        var olderAgain = await workflow.GetPipelineAsync("p", 1, ct);

        // Assert: the same parsed record, not a new parse of the same text.
        Assert.Equal(1, older?.Version);
        Assert.Same(head, headAfterOlder);
        Assert.Same(head, listedAfterVersions);
        Assert.Equal(1, olderAgain?.Version);
    }
}
