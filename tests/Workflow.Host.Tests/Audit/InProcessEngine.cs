using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflow.Engine;

namespace Workflow.Host.Tests.Audit;

/// <summary>The embedded engine on a data directory, in this process, started and stopped as the host does.</summary>
internal sealed class InProcessEngine : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _hosted;

    private InProcessEngine(ServiceProvider provider)
    {
        _provider = provider;
        _hosted = provider.GetServices<IHostedService>().ToList();
    }

    public IServiceProvider Services => _provider;

    public static async Task<InProcessEngine> StartAsync(string dataDirectory, Action<IServiceCollection>? configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkflowEngine(o => o.DataDirectory = dataDirectory);
        configure?.Invoke(services);
        // The tests purge when they mean to: a purge at start-up would race them over their dated rows.
        services.Remove(services.Single(d => d.ImplementationType?.Name == "RetentionPurgeService"));
        var engine = new InProcessEngine(services.BuildServiceProvider());
        foreach (var hosted in engine._hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return engine;
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
