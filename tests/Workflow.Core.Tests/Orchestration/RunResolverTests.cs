using Workflow.Model;
using Workflow.Services;
using Workflow.Sla;
using static Workflow.Orchestration.TestWorlds;

namespace Workflow.Orchestration;

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
    public void A_request_pins_the_stored_version_and_keeps_its_logical_time_and_parameters()
    {
        // Arrange
        var parameters = System.Text.Json.JsonSerializer.SerializeToElement(new { day = "2026-01-04" });
        var request = new RunRequest("sales@x", "sales", RunTrigger.Schedule, T0.AddHours(-1), parameters);

        // Act
        var resolution = RunResolver.Resolve(request, Record(Pipeline("sales", Task("a"))), T0);

        // Assert
        Assert.Null(resolution.Error);
        Assert.Equal(3, resolution.Start!.Definition.Version);
        Assert.Equal(T0.AddHours(-1), resolution.Start.LogicalTime);
        Assert.Equal("2026-01-04", resolution.Start.Parameters!.Value.GetProperty("day").GetString());
        Assert.Null(resolution.Monitor);
    }

    [Fact]
    public void A_pipeline_with_an_SLA_gets_a_monitor_whose_deadline_counts_from_the_logical_time()
    {
        // Arrange
        var definition = Pipeline("sla", Task("a")) with
        {
            Sla = new SlaPolicy { Deadline = new DeadlineRule { Within = TimeSpan.FromHours(2) } },
        };
        var estimates = new Dictionary<string, DurationEstimate>
        {
            ["a"] = new(TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(9), EstimateSource.History, 20),
        };

        // Act
        var resolution = RunResolver.Resolve(new RunRequest("sla@x", "sla", RunTrigger.Schedule, T0), Record(definition),
            T0.AddMinutes(1), estimates);

        // Assert
        Assert.NotNull(resolution.Monitor);
        Assert.Equal(T0.AddHours(2), resolution.Monitor.Deadline);
        Assert.Equal(TimeSpan.FromMinutes(4), resolution.Start!.ExpectedDurations!["a"]);
    }
}
