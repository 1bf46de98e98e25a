using System.Collections.Concurrent;
using Workflow.Model;
using Workflow.Scheduling;
using Workflow.Services;

namespace Workflow.Runtime.Scheduling;

/// <summary>
/// Pipeline versions with their enabled schedules compiled (<see cref="Schedule.From"/>, which parses cron and looks
/// up time zones), kept per pipeline until a newer version replaces them, so a schedule that fires every minute is
/// not parsed again on every tick.
/// </summary>
internal sealed class CompiledPipelines
{
    private readonly ConcurrentDictionary<string, CompiledPipeline> _byPipeline = new(StringComparer.Ordinal);

    public CompiledPipeline Of(PipelineRecord record)
    {
        if (_byPipeline.TryGetValue(record.Definition.Id, out var cached) && cached.Record.Version == record.Version)
        {
            return cached;
        }

        var compiled = new CompiledPipeline(record);
        _byPipeline[record.Definition.Id] = compiled;
        return compiled;
    }

    /// <summary>The cached version when it is the one asked for, else the stored one; null when it is gone.</summary>
    public async ValueTask<CompiledPipeline?> GetAsync(IWorkflowService workflow, string pipelineId, int version,
        CancellationToken cancellationToken)
    {
        if (_byPipeline.TryGetValue(pipelineId, out var cached) && cached.Record.Version == version)
        {
            return cached;
        }

        var record = await workflow.GetPipelineAsync(pipelineId, version, cancellationToken);
        return record is null ? null : Of(record);
    }
}

/// <summary>One pipeline version and its enabled schedules by <see cref="ScheduleKey"/>.</summary>
internal sealed class CompiledPipeline(PipelineRecord record)
{
    public PipelineRecord Record { get; } = record;

    /// <summary>Enabled schedules of an enabled pipeline; a schedule that cannot fire is left out (null).</summary>
    public IReadOnlyDictionary<string, (ScheduleDefinition Definition, ISchedule? Rule)> Schedules { get; } =
        record.Definition.Enabled
            ? record.Definition.Schedules.Where(s => s.Enabled)
                .DistinctBy(ScheduleKey.Of)
                .ToDictionary(ScheduleKey.Of, s => (s, TryCompile(s)), StringComparer.Ordinal)
            : new Dictionary<string, (ScheduleDefinition, ISchedule?)>();

    private static ISchedule? TryCompile(ScheduleDefinition schedule)
    {
        try
        {
            return Schedule.From(schedule);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
