using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Workflow.Sla;

/// <summary>
/// The monitor's task records by id, in definition order: a persistent map whose ids are fixed when the monitor
/// starts (a run's tasks never change), so that each id has a number for good. The ids and their numbers are
/// shared by every version of the table; the records are kept in chunks of <see cref="ChunkSize"/>, and a change
/// copies the chunk it lands in and the short list of chunks, nothing else. A lookup is one hash probe and two
/// array reads, where a persistent hashed tree walked about fourteen nodes for a run of 10,000 tasks; and a
/// <see cref="Builder"/> copies each chunk at most once however many of its records a series of events changes.
/// </summary>
[JsonConverter(typeof(TaskTableJsonConverter))]
public sealed class TaskTable : IReadOnlyDictionary<string, TaskSla>
{
    private const int ChunkBits = 6;

    /// <summary>Records per chunk.</summary>
    public const int ChunkSize = 1 << ChunkBits;

    private readonly TaskSla[][] _chunks;

    private TaskTable(TaskTableIds ids, TaskSla[][] chunks)
    {
        Ids = ids;
        _chunks = chunks;
    }

    public static TaskTable Empty { get; } = new(TaskTableIds.Of([]), []);

    /// <summary>The ids and their numbers, shared by every version of this table.</summary>
    internal TaskTableIds Ids { get; }

    public int Count => Ids.Count;

    public TaskSla this[string key] => TryGetValue(key, out var task)
        ? task
        : throw new KeyNotFoundException($"The monitor has no task '{key}'.");

    public IEnumerable<string> Keys => Ids.All;

    public IEnumerable<TaskSla> Values
    {
        get
        {
            for (var i = 0; i < Count; i++)
            {
                yield return At(i);
            }
        }
    }

    /// <summary>A table of <paramref name="tasks"/>, numbered in their order; a repeated id keeps its first number
    /// and its last record.</summary>
    public static TaskTable Of(IEnumerable<TaskSla> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var records = new List<TaskSla>();
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            if (numbers.TryGetValue(task.Id, out var seen))
            {
                records[seen] = task;
                continue;
            }

            numbers[task.Id] = records.Count;
            records.Add(task);
        }

        var chunks = new TaskSla[(records.Count + ChunkSize - 1) >> ChunkBits][];
        for (var c = 0; c < chunks.Length; c++)
        {
            var start = c << ChunkBits;
            chunks[c] = records.GetRange(start, Math.Min(ChunkSize, records.Count - start)).ToArray();
        }

        return new TaskTable(new TaskTableIds([.. records.Select(t => t.Id)], numbers), chunks);
    }

    /// <summary>The record of task number <paramref name="number"/>.</summary>
    public TaskSla At(int number) => Slot(_chunks, number);

    public bool ContainsKey(string key) => Ids.TryGetNumber(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TaskSla value)
    {
        if (Ids.TryGetNumber(key, out var number))
        {
            value = At(number);
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>The table with one task's record replaced; the task must be one of the table's.</summary>
    public TaskTable SetItem(TaskSla task)
    {
        var builder = ToBuilder();
        builder.Set(task);
        return builder.ToTable();
    }

    public Builder ToBuilder() => new(this);

    public IEnumerator<KeyValuePair<string, TaskSla>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return new(Ids.All[i], At(i));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Where task number <paramref name="number"/> is kept: its chunk, then its place in the chunk.</summary>
    private static TaskSla Slot(TaskSla[][] chunks, int number) => chunks[number >> ChunkBits][number & (ChunkSize - 1)];

    /// <summary>
    /// Changes to a table, made in place in chunks of its own (each chunk copied on its first change), and made a
    /// table again by <see cref="ToTable"/>, after which the builder copies again before changing anything.
    /// </summary>
    public sealed class Builder
    {
        private readonly TaskTableIds _ids;
        private TaskSla[][] _chunks;
        private bool[] _owned;
        private bool _ownsList;

        internal Builder(TaskTable table)
        {
            _ids = table.Ids;
            _chunks = table._chunks;
            _owned = new bool[_chunks.Length];
        }

        public bool TryGetValue(string id, [MaybeNullWhen(false)] out TaskSla task)
        {
            var found = _ids.TryGetNumber(id, out var number);
            task = found ? At(number) : null;
            return found;
        }

        /// <summary>The record of task number <paramref name="number"/>, as changed so far.</summary>
        public TaskSla At(int number) => Slot(_chunks, number);

        /// <summary>Replaces a task's record; the number of the task, which must be one of the table's.</summary>
        public int Set(TaskSla task)
        {
            ArgumentNullException.ThrowIfNull(task);
            if (!_ids.TryGetNumber(task.Id, out var number))
            {
                throw new InvalidOperationException(
                    $"The monitor has no task '{task.Id}': its tasks are set once, when it starts.");
            }

            var c = number >> ChunkBits;
            if (!_ownsList)
            {
                _chunks = (TaskSla[][])_chunks.Clone();
                _ownsList = true;
            }

            if (!_owned[c])
            {
                _chunks[c] = (TaskSla[])_chunks[c].Clone();
                _owned[c] = true;
            }

            _chunks[c][number & (ChunkSize - 1)] = task;
            return number;
        }

        public TaskTable ToTable()
        {
            var table = new TaskTable(_ids, _chunks);
            if (_ownsList)
            {
                _ownsList = false;
                Array.Clear(_owned);
            }

            return table;
        }
    }
}
