using System.Collections.Concurrent;
using System.Text.Json;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Services;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>Run parameters in the embedded engine: code handlers and child runs see them, rendered and resolved.</summary>
public sealed class RunParametersTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private readonly ConcurrentDictionary<string, (JsonElement? Args, string? Parameters, string? RunId)> _seen = new();

    private Task<TestEngine> StartEngineAsync() => TestEngine.StartAsync(s => s.AddCodeHandler("see", (context, args, _) =>
    {
        _seen[context.RunId] = (args, context.Parameters?.GetRawText(), context.Run?.RunId);
        return ValueTask.FromResult<JsonElement?>(null);
    }));

    private static PipelineDefinition Child() => Pipelines.Define("kid", Pipelines.Code("see", "see")) with
    {
        Parameters = [new ParameterDefinition { Name = "n", Type = "integer", Required = true }],
    };

    private static PipelineDefinition Parent(string id, string childN) => Pipelines.Define(id,
        Pipelines.Code("see", "see", new { greeting = "hello {{ params.who }}", run = "{{ run.id }}" }),
        new TaskDefinition
        {
            Id = "call",
            Kind = "sub-pipeline",
            Config = Json("{\"pipelineId\":\"kid\",\"parameters\":{\"n\":" + childN + "}}"),
        }) with
    {
        Parameters =
        [
            new ParameterDefinition { Name = "who", Type = "string" },
            new ParameterDefinition { Name = "count", Type = "integer", Default = Json("7") },
        ],
    };

    private static async Task<RunRecord> StartAsync(TestEngine engine, PipelineDefinition definition, string parameters)
    {
        await engine.Workflow.UpsertPipelineAsync(definition, null, "test", CancellationToken.None);
        return await engine.Workflow.StartRunAsync(
            new StartRunRequest(definition.Id, RunTrigger.Api, "test", Json(parameters)), CancellationToken.None);
    }

    [Fact]
    public async Task A_code_handler_gets_rendered_args_and_the_resolved_parameters_and_a_child_gets_rendered_ones()
    {
        // Arrange
        await using var engine = await StartEngineAsync();
        await engine.Workflow.UpsertPipelineAsync(Child(), null, "test", CancellationToken.None);

        // Act
        var run = await StartAsync(engine, Parent("mom", "\"{{ params.count }}\""), """{"who":"ada"}""");
        var status = await engine.WaitAsync(run.RunId);

        // Assert: the string "7" rendered from an integer is not an integer, so the child is refused...
        Assert.Equal(RunStatus.Failed, status);
        var (args, parameters, runId) = _seen[run.RunId];
        Assert.Equal("hello ada", args!.Value.GetProperty("greeting").GetString());
        Assert.Equal(run.RunId, args.Value.GetProperty("run").GetString());
        Assert.Equal("""{"who":"ada","count":7}""", parameters);
        Assert.Equal(run.RunId, runId);
        var children = await engine.Workflow.ListRunsAsync(new RunQuery(PipelineId: "kid"), CancellationToken.None);
        Assert.Empty(children.Items);
    }

    [Fact]
    public async Task A_child_run_resolves_the_parameters_its_parent_gives_it()
    {
        // Arrange
        await using var engine = await StartEngineAsync();
        await engine.Workflow.UpsertPipelineAsync(Child(), null, "test", CancellationToken.None);

        // Act: a JSON number in the config stays a number, so the child accepts it.
        var run = await StartAsync(engine, Parent("dad", "5"), """{"who":"bob"}""");
        var status = await engine.WaitAsync(run.RunId);

        // Assert
        Assert.Equal(RunStatus.Succeeded, status);
        var child = Assert.Single((await engine.Workflow.ListRunsAsync(new RunQuery(PipelineId: "kid"),
            CancellationToken.None)).Items);
        Assert.Equal("""{"n":5}""", _seen[child.RunId].Parameters);
    }

    [Fact]
    public async Task A_trigger_with_a_wrong_type_is_refused_and_stores_no_run()
    {
        // Arrange
        await using var engine = await StartEngineAsync();
        await engine.Workflow.UpsertPipelineAsync(Child(), null, "test", CancellationToken.None);

        // Act
        var refused = await Assert.ThrowsAsync<Parameters.RunParametersException>(async () =>
            await engine.Workflow.StartRunAsync(new StartRunRequest("kid", RunTrigger.Api, "test", Json("""{"n":"x"}""")),
                CancellationToken.None));

        // Assert
        Assert.Equal("parameters.n", Assert.Single(refused.Errors).Path);
        Assert.Empty((await engine.Workflow.ListRunsAsync(new RunQuery(PipelineId: "kid"), CancellationToken.None)).Items);
    }
}
