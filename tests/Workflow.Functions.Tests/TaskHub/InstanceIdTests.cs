using DurableTask.Core;
using Workflow.Durable;
using Workflow.Functions.Tests.Support;
using Workflow.Scheduling;

namespace Workflow.Functions.Tests.TaskHub;

/// <summary>
/// Every instance id the app derives from a run id (<see cref="InstanceIds.For"/>) is accepted by the Azure Storage
/// backend of Durable and reads back by the same id; the raw run ids it encodes would not.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class InstanceIdTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Two = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<string> RunIdsTheAppMakes()
    {
        var scheduled = RunIds.ForSchedule("sales", Two);
        var longest = RunIds.ForSchedule(new string('p', 100), Two);
        var nearLimit = RunIds.ForSchedule(new string('q', 100 - "@20260301T020000Z".Length), Two);
        var manual = RunIds.Manual("sales.eu-west_2", "20260301T020000123Z-9f86d081");
        var child = $"{scheduled}/load[3]#1";
        var grandchild = $"{child}/publish#12";
        var longChild = $"{longest}/{new string('t', 100)}[999]#3";
        return
        [
            scheduled, longest, nearLimit, manual, child, grandchild, longChild, $"{manual}/a#1",
            scheduled + "!sla", child + "!sla", longChild + "!sla",
        ];
    }

    [Fact]
    public async Task Every_instance_id_the_app_makes_is_accepted_by_the_azure_storage_backend_and_reads_back()
    {
        // Arrange
        var runIds = RunIdsTheAppMakes();
        var instanceIds = runIds.Select(InstanceIds.For).ToList();
        await using var hub = await TaskHubOnAzurite.StartAsync(azurite.ConnectionString);

        // Act
        await Task.WhenAll(runIds.Select((runId, i) =>
            hub.Client.CreateOrchestrationInstanceAsync(typeof(EchoOrchestration), instanceIds[i], runId)));
        var states = await Task.WhenAll(instanceIds.Select(async id =>
        {
            await hub.Client.WaitForOrchestrationAsync(new OrchestrationInstance { InstanceId = id },
                TimeSpan.FromSeconds(60));
            return await hub.Client.GetOrchestrationStateAsync(id);
        }));

        // Assert
        Assert.Equal(runIds.Count, instanceIds.Distinct(StringComparer.Ordinal).Count());
        for (var i = 0; i < runIds.Count; i++)
        {
            Assert.InRange(instanceIds[i].Length, 1, InstanceIds.MaxLength);
            Assert.Equal(OrchestrationStatus.Completed, states[i]?.OrchestrationStatus);
            Assert.Equal(instanceIds[i], states[i]?.OrchestrationInstance.InstanceId);
            Assert.Equal($"\"{instanceIds[i]} ran {runIds[i]}\"", states[i]?.Output);
        }
    }

    [Fact]
    public void Raw_run_ids_of_children_slas_and_long_pipelines_break_the_durable_hosts_rule_their_instance_ids_keep()
    {
        // Arrange
        var runIds = RunIdsTheAppMakes();

        // Act
        var raw = runIds.Select(id => (id, Problem: DurableHostIdRule.Problem(id))).ToList();
        var encoded = runIds.Select(id => (id, Problem: DurableHostIdRule.Problem(InstanceIds.For(id)))).ToList();

        // Assert: the encoding is needed (7 of the 11 run ids break the rule as they are) and enough.
        Assert.Equal(7, raw.Count(r => r.Problem is not null));
        Assert.Contains(raw, r => r.Problem == "length");
        Assert.Contains(raw, r => r.Problem == "character");
        Assert.All(encoded, e => Assert.Null(e.Problem));
    }
}
