using Microsoft.Extensions.DependencyInjection;

namespace Workflow.Engine.Handlers;

/// <summary>
/// The task handlers by kind. Resolved on first use, so that handlers may themselves depend on the engine
/// (the sub-pipeline handler starts runs).
/// </summary>
public sealed class HandlerRegistry(IServiceProvider services)
{
    private Dictionary<string, ITaskHandler>? _byKind;

    public IReadOnlyCollection<string> Kinds => ByKind.Keys;

    public ITaskHandler? Find(string kind) => ByKind.GetValueOrDefault(kind);

    private Dictionary<string, ITaskHandler> ByKind =>
        _byKind ??= services.GetServices<ITaskHandler>()
            .GroupBy(h => h.Kind, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
}
