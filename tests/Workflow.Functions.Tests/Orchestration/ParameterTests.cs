using System.Text.Json;
using Workflow.Execution;
using Workflow.Functions.Orchestration;
using Workflow.Functions.Tests.Support;
using Workflow.Model;
using Workflow.Parameters;
using Workflow.Services;
using static Workflow.Functions.Tests.Support.Definitions;

namespace Workflow.Functions.Tests.Orchestration;

/// <summary>Typed run parameters in the Azure app: resolved when a run starts, rendered into task config.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ParameterTests(AzuriteFixture azurite)
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static ParameterDefinition Parameter(string name, string type, string? fallback = null) =>
        new() { Name = name, Type = type, Default = fallback is null ? null : Json(fallback) };

    /// <summary>A process task that echoes its first two arguments as its output.</summary>
    private static TaskDefinition Echo(string id, string first, string second) => new()
    {
        Id = id,
        Kind = "process",
        Config = JsonSerializer.SerializeToElement(new
        {
            command = "sh",
            args = new[] { "-c", "printf '{\"first\":\"%s\",\"second\":\"%s\"}' \"$1\" \"$2\" > \"$WF_OUTPUT_FILE\"", "sh", first, second },
        }),
    };

    private static async Task<JsonElement> OutputAsync(DurableAppHost host, string runId, string taskKey)
    {
        var attempts = await host.Workflow.ListAttemptsAsync(runId, taskKey, CancellationToken.None);
        return attempts.Single(a => a.Status == Execution.TaskStatus.Succeeded).Output!.Value;
    }

    [Fact]
    public async Task A_parameter_and_its_default_reach_a_process_tasks_arguments_and_a_child_runs_parameters()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "parameters");
        await host.UpsertAsync(Pipeline("kid", Echo("say", "{{ params.name }}", "{{ run.id }}")) with
        {
            Parameters = [Parameter("name", ParameterTypes.String)],
        });
        var call = new TaskDefinition
        {
            Id = "call",
            Kind = "sub-pipeline",
            Config = Json("""{"pipelineId":"kid","parameters":{"name":"child of {{ params.who }}"}}"""),
        };
        await host.UpsertAsync(Pipeline("mom", Echo("say", "{{ params.who }}", "{{ params.times }}"), call) with
        {
            Parameters = [Parameter("who", ParameterTypes.String), Parameter("times", ParameterTypes.Integer, "3")],
        });

        // Act
        await host.Workflow.StartRunAsync(new StartRunRequest("mom", RunTrigger.Api, "test", Json("""{"who":"ada"}"""),
            RunId: "mom@p1"), CancellationToken.None);
        var run = await host.CompletedAsync("mom@p1");

        // Assert
        Assert.Equal(RunStatus.Succeeded, run.Run.Status);
        var own = await OutputAsync(host, "mom@p1", "say");
        Assert.Equal("ada", own.GetProperty("first").GetString());
        Assert.Equal("3", own.GetProperty("second").GetString());
        var child = await OutputAsync(host, "mom@p1/call#1", "say");
        Assert.Equal("child of ada", child.GetProperty("first").GetString());
        Assert.Equal("mom@p1/call#1", child.GetProperty("second").GetString());
    }

    [Fact]
    public async Task A_parameter_of_the_wrong_type_is_refused_before_any_instance_is_scheduled()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "parameters-refused");
        await host.UpsertAsync(Pipeline("typed", Echo("say", "{{ params.n }}", "")) with
        {
            Parameters = [Parameter("n", ParameterTypes.Integer)],
        });

        // Act
        var refused = await Assert.ThrowsAsync<RunParametersException>(async () =>
            await host.Workflow.StartRunAsync(new StartRunRequest("typed", RunTrigger.Api, "test",
                Json("""{"n":"not-a-number"}"""), RunId: "typed@bad"), CancellationToken.None));

        // Assert
        Assert.Equal("parameters.n", Assert.Single(refused.Errors).Path);
        Assert.Null(await host.Workflow.GetRunAsync("typed@bad", CancellationToken.None));
    }
}
