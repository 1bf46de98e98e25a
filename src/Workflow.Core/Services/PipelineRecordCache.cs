using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Workflow.Services;

/// <summary>
/// Parsed pipeline records by key (a pipeline id, a blob name), with the stamp of the stored text each was parsed
/// from, so that a reader listing every pipeline often (the queue-backlog check on each poll, the schedule tick)
/// parses only what changed. The stamp must change whenever the stored text does: a stored version is never
/// rewritten, so the embedded host stamps by version, and the Azure app by the blob's ETag. Each key keeps two
/// records: its head (the current version, the one listings read) and the last other version read (a run pinned to
/// an older version), so reading an older version never evicts the head. A newer head replaces the head.
/// Every reader of a key gets the same record: readers must not change it.
/// </summary>
/// <typeparam name="TStamp">What identifies the stored text a record was parsed from.</typeparam>
public sealed class PipelineRecordCache<TStamp>
    where TStamp : IEquatable<TStamp>
{
    private readonly ConcurrentDictionary<string, (Kept? Head, Kept? Other)> _byKey = new(StringComparer.Ordinal);

    /// <summary>The record parsed from the text stamped <paramref name="stamp"/>, when it is one of those kept.</summary>
    public bool TryGet(string key, TStamp stamp, [NotNullWhen(true)] out PipelineRecord? record)
    {
        record = null;
        if (_byKey.TryGetValue(key, out var kept))
        {
            record = kept.Head?.Of(stamp) ?? kept.Other?.Of(stamp);
        }

        return record is not null;
    }

    /// <summary>Keeps <paramref name="record"/>, parsed from the text stamped <paramref name="stamp"/>, as the key's
    /// head or, with <paramref name="head"/> false, as its other version; returns it.</summary>
    public PipelineRecord Keep(string key, TStamp stamp, PipelineRecord record, bool head = true)
    {
        var kept = new Kept(stamp, record);
        _byKey.AddOrUpdate(key, _ => head ? (kept, null) : (null, kept),
            (_, entry) => head ? (kept, entry.Other) : (entry.Head, kept));
        return record;
    }

    private sealed record Kept(TStamp Stamp, PipelineRecord Record)
    {
        public PipelineRecord? Of(TStamp stamp) => Stamp.Equals(stamp) ? Record : null;
    }
}
