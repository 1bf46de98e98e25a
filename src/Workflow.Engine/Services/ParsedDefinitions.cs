using System.Collections.Concurrent;
using Workflow.Model;

namespace Workflow.Engine.Services;

/// <summary>
/// Parsed pipeline definitions by pipeline and version. A stored version never changes (a change or a re-creation
/// stores the next version), so a definition parsed once serves every later read of that version instead of parsing
/// its JSON again: the alert monitors list every pipeline every few seconds, and reads of one pipeline recur on every
/// run start and API change. The instances are shared, and are changed only through <c>with</c>, as everywhere.
/// One version is kept per pipeline, and the cache is emptied when it holds more than <see cref="MaxPipelines"/>.
/// </summary>
internal sealed class ParsedDefinitions
{
    private const int MaxPipelines = 100_000;

    private readonly ConcurrentDictionary<string, (int Version, PipelineDefinition Definition)> _byPipeline =
        new(StringComparer.Ordinal);

    public PipelineDefinition? Find(string pipelineId, int version) =>
        _byPipeline.TryGetValue(pipelineId, out var entry) && entry.Version == version ? entry.Definition : null;

    public PipelineDefinition Keep(string pipelineId, int version, PipelineDefinition definition)
    {
        if (_byPipeline.Count >= MaxPipelines)
        {
            _byPipeline.Clear();
        }

        _byPipeline[pipelineId] = (version, definition);
        return definition;
    }
}
