using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflow.Engine;
using Workflow.Engine.Services;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Services;

namespace Workflow.Engine.Tests.Support;

/// <summary>A real engine on a real SQLite file in a temporary directory, started and stopped like a host does.</summary>
public sealed class TestEngine : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _hosted;

    private TestEngine(ServiceProvider provider, string dataDirectory, CapturingLoggerProvider logs)
    {
        _provider = provider;
        DataDirectory = dataDirectory;
        Logs = logs;
        _hosted = provider.GetServices<IHostedService>().ToList();
    }

    public string DataDirectory { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _provider;

    public WorkflowEngineService Workflow => _provider.GetRequiredService<WorkflowEngineService>();

    public static async Task<TestEngine> StartAsync(Action<IServiceCollection>? configure = null,
        string? dataDirectory = null, Action<EngineOptions>? options = null, bool purgeService = false)
    {
        dataDirectory ??= TempDirectory.Create();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddWorkflowEngine(o =>
        {
            o.DataDirectory = dataDirectory;
            options?.Invoke(o);
        });
        configure?.Invoke(services);
        if (!purgeService)
        {
            var purge = services.Single(d => d.ImplementationType?.Name == "RetentionPurgeService");
            services.Remove(purge);
        }

        var engine = new TestEngine(services.BuildServiceProvider(), dataDirectory, logs);
        foreach (var hosted in engine._hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return engine;
    }

    public async Task<RunRecord> StartRunAsync(PipelineDefinition definition, string? runId = null)
    {
        await Workflow.UpsertPipelineAsync(definition, null, "test", CancellationToken.None);
        return await Workflow.StartRunAsync(new StartRunRequest(definition.Id, RunTrigger.Api, "test", RunId: runId),
            CancellationToken.None);
    }

    public async Task<RunStatus> WaitAsync(string runId, int seconds = 60)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await Workflow.WaitForRunAsync(runId, deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in Enumerable.Reverse(_hosted))
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await _provider.DisposeAsync();
    }
}
