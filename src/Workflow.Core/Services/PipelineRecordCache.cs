using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Workflow.Services;

/// <summary>
/// Parsed pipeline records, one per key (a pipeline id, a blob name), with the stamp of the stored text each was
/// parsed from, so that a reader listing every pipeline often (the queue-backlog check on each poll, the schedule
/// tick) parses only what changed. The stamp must change whenever the stored text does: a stored version is never
/// rewritten, so the embedded host stamps by version, and the Azure app by the blob's ETag. Reading another version
/// under the same key replaces the entry.
/// Every reader of a key gets the same record: readers must not change it.
/// </summary>
/// <typeparam name="TStamp">What identifies the stored text a record was parsed from.</typeparam>
public sealed class PipelineRecordCache<TStamp>
    where TStamp : IEquatable<TStamp>
{
    private readonly ConcurrentDictionary<string, (TStamp Stamp, PipelineRecord Record)> _byKey =
        new(StringComparer.Ordinal);

    /// <summary>The record parsed from the text stamped <paramref name="stamp"/>, when it is the one kept.</summary>
    public bool TryGet(string key, TStamp stamp, [NotNullWhen(true)] out PipelineRecord? record)
    {
        record = _byKey.TryGetValue(key, out var kept) && kept.Stamp.Equals(stamp) ? kept.Record : null;
        return record is not null;
    }

    /// <summary>Keeps <paramref name="record"/>, parsed from the text stamped <paramref name="stamp"/>; returns it.
    /// </summary>
    public PipelineRecord Keep(string key, TStamp stamp, PipelineRecord record)
    {
        _byKey[key] = (stamp, record);
        return record;
    }
}
