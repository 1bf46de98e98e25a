using Workflow.Model;

namespace Workflow.Simulation;

/// <summary>
/// How long simulated work takes and whether it fails: sampled from the options' seed per (key, attempt), so two
/// simulations with the same options see the same durations and failures whatever their dispatch order.
/// </summary>
internal sealed class WorkSampler
{
    private readonly SimulationOptions _options;
    private readonly Dictionary<string, TimeSpan> _configured;

    public WorkSampler(PipelineDefinition definition, SimulationOptions options)
    {
        _options = options;
        _configured = definition.Tasks.Where(t => t.ExpectedDuration is not null)
            .GroupBy(t => t.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().ExpectedDuration!.Value, StringComparer.Ordinal);
    }

    /// <summary>Seconds around the task's mean: the options' duration, else its expected duration, else 1 s.</summary>
    public double Seconds(string taskId, string key, int attempt)
    {
        var mean = _options.Durations is not null && _options.Durations.TryGetValue(taskId, out var d) ? d
            : _configured.TryGetValue(taskId, out var c) ? c : TimeSpan.FromSeconds(1);
        return Math.Max(0, SimRandom.Sample(_options.DurationModel, mean.TotalSeconds, _options.Spread,
            _options.Seed, key, attempt));
    }

    public bool Fails(string key, int attempt) =>
        _options.FailureRate > 0 && SimRandom.Uniform(_options.Seed, key, attempt, 3) < _options.FailureRate;

    /// <summary>Whether this outcome is delivered a second time, to exercise duplicate handling.</summary>
    public bool Duplicates(string key, int attempt) =>
        SimRandom.Uniform(_options.Seed, key, attempt, 4) < _options.DuplicateRate;
}
