using Microsoft.Extensions.Hosting;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Hosting;

/// <summary>
/// Starts the engine with the host: migrations and recovery finish before the host reports started, so the API
/// never serves a half-recovered store. Stopping closes the writer first; unfinished attempts run again next start.
/// </summary>
internal sealed class EngineHostedService(EngineRuntime engine) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => engine.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => engine.StopAsync(cancellationToken);
}
