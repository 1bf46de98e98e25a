using Workflow.Runtime.Scheduling;


namespace Workflow.Bench.Capacity;

/// <summary>Schedule watermarks in memory, compare-and-set like the SQLite and Blob stores.</summary>
internal sealed class MemoryWatermarks : IWatermarkStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string PipelineId, string ScheduleKey), DateTimeOffset> _marks = [];

    public ValueTask<IReadOnlyDictionary<(string PipelineId, string ScheduleKey), DateTimeOffset>> LoadAsync(
        CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyDictionary<(string, string), DateTimeOffset>>(
                new Dictionary<(string, string), DateTimeOffset>(_marks));
        }
    }

    public ValueTask<bool> TryAdvanceAsync(string pipelineId, string scheduleKey, DateTimeOffset? expected,
        DateTimeOffset next, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var found = _marks.TryGetValue((pipelineId, scheduleKey), out var current);
            if (found ? expected != current : expected is not null)
            {
                return ValueTask.FromResult(false);
            }

            _marks[(pipelineId, scheduleKey)] = next;
            return ValueTask.FromResult(true);
        }
    }
}
