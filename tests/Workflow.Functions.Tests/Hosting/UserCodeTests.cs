using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Workflow.Execution;
using Workflow.Functions.Hosting;
using Workflow.Functions.Queues;
using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Support;
using Workflow.Json;
using Workflow.Queues;
using Workflow.Samples;
using Workflow.Services;

namespace Workflow.Functions.Tests.Hosting;

/// <summary>
/// A user's own code in the Azure app, registered the way the app project's <c>Program.cs</c> registers it (after
/// the app's own registrations, with the embedded host's calls): the samples' code handlers, C# pipelines and
/// pipeline source, on the Durable Task in-process host and Azurite.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class UserCodeTests(AzuriteFixture azurite) : IDisposable
{
    private readonly DirectoryInfo _samples = Directory.CreateTempSubdirectory("wf-samples-");

    [Fact]
    public async Task The_samples_are_seeded_at_start_once_with_their_inputs_even_when_another_instance_starts()
    {
        // Arrange
        var smallJobs = QueueAddress.Create(SmallJobs.Owner, SmallJobs.Queue);
        var queue = await QueueDepthAsync(smallJobs);

        // Act
        await using var host = await StartAsync("seeding");
        var afterFirst = await QueueDepthAsync(smallJobs);
        // A second instance starting over the same storage runs the same seeder.
        await host.Services.GetServices<IHostedService>().OfType<SampleSeeder>().Single()
            .StartAsync(CancellationToken.None);

        // Assert
        foreach (var id in new[] { WeeklyReport.Id, SmallJobs.Id })
        {
            var versions = await host.Workflow.ListPipelineVersionsAsync(id, CancellationToken.None);
            Assert.Equal(1, Assert.Single(versions).Version);
        }

        Assert.Equal(queue + SampleSeeder.SmallJobMessages, afterFirst);
        Assert.Equal(afterFirst, await QueueDepthAsync(smallJobs));
        var listed = await host.Workflow.ListPipelinesAsync(CancellationToken.None);
        Assert.True(Assert.Single(listed, p => p.Definition.Id == WarehouseSource.Id).IsDynamic);
    }

    [Fact]
    public async Task The_weekly_report_runs_in_an_orchestration_with_its_code_handler_and_data_passed_as_outputs()
    {
        // Arrange
        await using var host = await StartAsync("weekly");

        // Act
        await host.StartAsync(WeeklyReport.Id, "weekly-report@t1");
        var run = await host.CompletedAsync("weekly-report@t1", seconds: 180);

        // Assert
        Assert.Equal(RunStatus.Succeeded, run.Run.Status);
        Assert.Equal(9, run.Tasks.Count);
        var publish = Assert.Single(await host.Workflow.ListAttemptsAsync("weekly-report@t1", "publish",
            CancellationToken.None));
        var output = publish.Output!.Value;
        Assert.Equal(DistinctWeeklyOrders(), output.GetProperty("distinctOrders").GetInt64());
        Assert.Contains("distinct orders:", output.GetProperty("report").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pipeline_from_a_pipeline_source_starts_and_runs_with_a_task_per_table_found_at_start()
    {
        // Arrange
        await using var host = await StartAsync("source");
        await File.WriteAllTextAsync(Path.Combine(_samples.FullName, "warehouse", "invoices.csv"),
            "id,total\n2,10\n1,20\n");

        // Act
        await host.StartAsync(WarehouseSource.Id, "warehouse-sync@t1");
        var run = await host.CompletedAsync("warehouse-sync@t1", seconds: 120);

        // Assert
        Assert.Equal(RunStatus.Succeeded, run.Run.Status);
        Assert.Equal(["load-customers", "load-invoices", "load-orders", "load-products", "manifest"],
            run.Tasks.Select(t => t.TaskKey).Order(StringComparer.Ordinal));
        var invoices = Assert.Single(await host.Workflow.ListAttemptsAsync("warehouse-sync@t1", "load-invoices",
            CancellationToken.None));
        Assert.Equal(2, invoices.Output!.Value.GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task The_hello_json_sample_passes_its_words_from_task_to_task_as_outputs()
    {
        // Arrange
        await using var host = await StartAsync("hello");
        await host.UpsertAsync(PipelineJson.Parse(RepositoryFiles.Read("src/Workflow.Samples/hello.json")));

        // Act
        await host.StartAsync("hello", "hello@t1");
        var run = await host.CompletedAsync("hello@t1");
        var sorted = await host.Workflow.ReadLogAsync("hello@t1", "sort", 1, LogRange.From(0, 4096), CancellationToken.None);
        var counted = await host.Workflow.ReadLogAsync("hello@t1", "count", 1, LogRange.From(0, 4096), CancellationToken.None);

        // Assert
        Assert.Equal(RunStatus.Succeeded, run.Run.Status);
        Assert.Equal("apple\nfig\npear\n", sorted!.Text);
        Assert.Equal("4 words\n", counted!.Text);
    }

    public void Dispose() => _samples.Delete(recursive: true);

    private Task<DurableAppHost> StartAsync(string name) =>
        DurableAppHost.StartAsync(azurite.ConnectionString, $"usercode-{name}-{Guid.NewGuid():N}"[..40],
            userCode: services => services.AddWorkflowSamples(o => o.Directory = _samples.FullName));

    private async Task<long> QueueDepthAsync(QueueAddress queue) =>
        (await new StorageWorkQueue(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString }),
            TimeProvider.System).GetStatusAsync(queue, CancellationToken.None)).Depth;

    /// <summary>The partitions' order numbers as the sample's shell steps make them, merged here in C#.</summary>
    private static long DistinctWeeklyOrders() =>
        Enumerable.Range(0, 7)
            .SelectMany(d => Enumerable.Range(1, 200 + (d * 37)).Select(i => 1 + ((i - 1) * (d + 2))))
            .Distinct()
            .LongCount();
}
