using Microsoft.Extensions.DependencyInjection;

namespace Workflow.Runtime.Handlers;

/// <summary>
/// The task handlers by kind. Resolved on first use, so that handlers may themselves depend on the engine
/// (the sub-pipeline handler starts runs).
/// </summary>
public sealed class HandlerRegistry(IServiceProvider services)
{
    private Dictionary<string, ITaskHandler>? _byKind;

    /// <summary>
    /// Every kind the engine runs: the handlers' kinds plus <c>delay</c>, <c>wait-until</c> and
    /// <c>sub-pipeline</c>, which the run decider carries out itself as timers and child runs.
    /// </summary>
    public IReadOnlyCollection<string> Kinds =>
        _kinds ??= ByKind.Keys.Concat(DeciderKinds).ToHashSet(StringComparer.Ordinal);

    /// <summary>Kinds the run decider carries out itself, as timers and child runs.</summary>
    public static IReadOnlyList<string> DeciderKinds { get; } = ["delay", "wait-until", "sub-pipeline"];

    private HashSet<string>? _kinds;

    public ITaskHandler? Find(string kind) => ByKind.GetValueOrDefault(kind);

    /// <summary>Whether a <see cref="Code.ICodeHandler"/> is registered under <paramref name="name"/>.</summary>
    public bool HasCodeHandler(string name) =>
        services.GetService<IServiceProviderIsKeyedService>() is { } keyed
            ? keyed.IsKeyedService(typeof(Code.ICodeHandler), name)
            : services.GetKeyedService<Code.ICodeHandler>(name) is not null;

    private Dictionary<string, ITaskHandler> ByKind =>
        _byKind ??= services.GetServices<ITaskHandler>()
            .GroupBy(h => h.Kind, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
}
