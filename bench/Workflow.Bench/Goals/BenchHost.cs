using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflow.Engine;
using Workflow.Engine.Scheduling;
using Workflow.Engine.Services;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Runtime.Scheduling;

namespace Workflow.Bench.Goals;

/// <summary>
/// The embedded engine and its scheduler on a fresh data directory, started like the host starts them, for the
/// scheduler goals; <see cref="DisposeAsync"/> stops it and deletes the directory.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _hosted;
    private readonly string _directory;

    private BenchHost(ServiceProvider provider, List<IHostedService> hosted, string directory)
    {
        _provider = provider;
        _hosted = hosted;
        _directory = directory;
    }

    public WorkflowEngineService Workflow => _provider.GetRequiredService<WorkflowEngineService>();

    public IServiceProvider Services => _provider;

    public ScheduleTicker Ticker => _provider.GetRequiredService<ScheduleTicker>();

    public Workflow.Engine.Runtime.WriteLoop Writer => _provider.GetRequiredService<Workflow.Engine.Runtime.WriteLoop>();

    public static async Task<BenchHost> StartAsync(TimeProvider? clock, bool schedulerRunning,
        Action<IServiceCollection>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "wf-goals", Guid.NewGuid().ToString("n"));
        var services = new ServiceCollection();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddWorkflowEngine(o => o.DataDirectory = directory);
        services.AddWorkflowScheduler(configure: o => o.Enabled = schedulerRunning);
        services.AddCodeHandler("noop", (_, _, _) => ValueTask.FromResult<JsonElement?>(null));
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        return new BenchHost(provider, hosted, directory);
    }

    /// <summary>Saves the pipelines, 32 at a time, as API clients would.</summary>
    public async Task UpsertAsync(IEnumerable<PipelineDefinition> definitions) =>
        await Parallel.ForEachAsync(definitions, new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (definition, ct) => await Workflow.UpsertPipelineAsync(definition, null, "bench", ct));

    public static PipelineDefinition Pipeline(string id, string handler, params ScheduleDefinition[] schedules) => new()
    {
        Id = id,
        OwnerGroup = "bench",
        Schedules = schedules,
        Tasks =
        [
            new TaskDefinition
            {
                Id = "first", Kind = "code", Config = JsonSerializer.SerializeToElement(new { handler }),
            },
        ],
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(_hosted))
        {
            await service.StopAsync(CancellationToken.None);
        }

        await _provider.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
