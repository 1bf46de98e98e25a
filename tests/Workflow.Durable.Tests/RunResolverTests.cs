using Workflow.Model;
using Workflow.Services;
using Workflow.Sla;
using static Workflow.Durable.Tests.TestWorlds;

namespace Workflow.Durable.Tests;

public sealed class RunResolverTests
{
    private static PipelineRecord Record(PipelineDefinition definition, int version = 3) =>
        new(definition, version, $"\"v{version}\"", T0, "ada");

    [Fact]
    public void An_unknown_pipeline_resolves_to_an_error_that_names_it()
    {
        // Act
        var resolution = RunResolver.Resolve(new RunRequest("ghost@1", "ghost", RunTrigger.Api), null, T0);

        // Assert
        Assert.Null(resolution.Start);
        Assert.Contains("'ghost'", resolution.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_child_of_another_group_than_its_parent_is_refused_as_if_it_did_not_exist()
    {
        // Arrange
        var child = Record(Pipeline("child", Task("a")) with { OwnerGroup = "other" });
        RunRequest ChildOf(string group) =>
            new("p@1/sub#1", "child", RunTrigger.Parent, ParentRunId: "p@1", ParentGroup: group);

        // Act
        var refused = RunResolver.Resolve(ChildOf("team"), child, T0);
        var missing = RunResolver.Resolve(ChildOf("team"), null, T0);
        var allowed = RunResolver.Resolve(ChildOf("other"), child, T0);

        // Assert
        Assert.Null(refused.Start);
        Assert.True(refused.Refused);
        Assert.Equal(Security.ChildPipelineAccess.Refusal("child", "team"), refused.Error);
        Assert.Equal(refused, missing);
        Assert.NotNull(allowed.Start);
    }

    [Fact]
    public void A_child_request_recorded_before_the_parent_group_was_carried_still_deserializes_and_is_checked()
    {
        // Arrange: the input an older build recorded for a child run (no parentGroup), as the task hub keeps it.
        const string oldInput = """
            {"Request":{"RunId":"p@1/sub#1","PipelineId":"child","Trigger":3,
             "LogicalTime":"2026-01-05T06:00:00+00:00","Parameters":null,"ParentRunId":"p@1","PriorResults":null,
             "PinnedVersion":null},"Start":null,"Monitor":null,"Snapshot":null}
            """;
        var child = Record(Pipeline("child", Task("a")) with { OwnerGroup = "other" });

        // Act
        var request = System.Text.Json.JsonSerializer.Deserialize<PipelineRunInput>(oldInput)!.Request!;
        var unlooked = RunResolver.Resolve(request, child, T0);
        var looked = RunResolver.Resolve(request with { ParentGroup = "team" }, child, T0);

        // Assert: the activity must read the parent's group first; without it the child is refused, never unchecked.
        Assert.Equal(RunTrigger.Parent, request.Trigger);
        Assert.Null(request.ParentGroup);
        Assert.Equal("p@1", RunResolver.ParentToLookUp(request));
        Assert.Null(RunResolver.ParentToLookUp(request with { ParentGroup = "team" }));
        Assert.Null(RunResolver.ParentToLookUp(new RunRequest("p@2", "p", RunTrigger.Api)));
        Assert.True(unlooked.Refused);
        Assert.Null(unlooked.Start);
        Assert.Contains("'p@1'", unlooked.Error, StringComparison.Ordinal);
        Assert.Equal(Security.ChildPipelineAccess.Refusal("child", "team"), looked.Error);
    }

    [Fact]
    public void A_request_pins_the_stored_version_and_keeps_its_logical_time_and_parameters()
    {
        // Arrange
        var parameters = System.Text.Json.JsonSerializer.SerializeToElement(new { day = "2026-01-04" });
        var request = new RunRequest("sales@x", "sales", RunTrigger.Schedule, T0.AddHours(-1), parameters);
        var definition = Pipeline("sales", Task("a")) with
        {
            Parameters = [new ParameterDefinition { Name = "day", Type = "string" }],
        };

        // Act
        var resolution = RunResolver.Resolve(request, Record(definition), T0);

        // Assert
        Assert.Null(resolution.Error);
        Assert.Equal(3, resolution.Start!.Definition.Version);
        Assert.Equal(T0.AddHours(-1), resolution.Start.LogicalTime);
        Assert.Equal("2026-01-04", resolution.Start.Parameters!.Value.GetProperty("day").GetString());
        Assert.Null(resolution.Monitor);
    }

    [Fact]
    public void Parameters_the_pipeline_does_not_declare_resolve_to_an_error_that_names_them()
    {
        // Arrange
        var parameters = System.Text.Json.JsonSerializer.SerializeToElement(new { dya = 1 });
        var request = new RunRequest("sales@y", "sales", RunTrigger.Parent, T0, parameters);

        // Act
        var resolution = RunResolver.Resolve(request, Record(Pipeline("sales", Task("a"))), T0);

        // Assert
        Assert.Null(resolution.Start);
        Assert.Contains("parameters.dya", resolution.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipeline_with_an_SLA_gets_a_monitor_whose_deadline_counts_from_the_logical_time()
    {
        // Arrange
        var definition = Pipeline("sla", Task("a")) with
        {
            Sla = new SlaPolicy { Deadline = new DeadlineRule { Within = TimeSpan.FromHours(2) } },
        };
        // Twenty runs of a: nineteen of four minutes and one of twenty.
        var recent = new Dictionary<string, IReadOnlyList<TimeSpan>>
        {
            ["a"] = [.. Enumerable.Repeat(TimeSpan.FromMinutes(4), 19), TimeSpan.FromMinutes(20)],
        };

        // Act
        var resolution = RunResolver.Resolve(new RunRequest("sla@x", "sla", RunTrigger.Schedule, T0), Record(definition),
            T0.AddMinutes(1), recent);

        // Assert
        Assert.NotNull(resolution.Monitor);
        Assert.Equal(T0.AddHours(2), resolution.Monitor.Deadline);
        var estimate = resolution.Monitor.Estimates["a"];
        Assert.Equal(EstimateSource.History, estimate.Source);
        Assert.Equal(TimeSpan.FromMinutes(4), estimate.P50);
        Assert.Equal(estimate.P95, resolution.Start!.ExpectedDurations!["a"]);
        Assert.True(estimate.P95 > TimeSpan.FromMinutes(4), "the one long run lifts the p95 that the rank uses");
    }

    [Fact]
    public void A_task_with_a_few_samples_is_ranked_by_their_mean_and_one_without_keeps_its_configured_duration()
    {
        // Arrange
        var definition = Pipeline("few", Task("a"), Task("b"));
        var recent = new Dictionary<string, IReadOnlyList<TimeSpan>>
        {
            ["a"] = [TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4)],
        };

        // Act
        var resolution = RunResolver.Resolve(new RunRequest("few@x", "few", RunTrigger.Api), Record(definition), T0, recent);

        // Assert
        Assert.Equal(TimeSpan.FromMinutes(3), resolution.Start!.ExpectedDurations!["a"]);
        Assert.False(resolution.Start.ExpectedDurations.ContainsKey("b"));
    }
}
