using System.Buffers;
using System.Numerics;

namespace Workflow.Dag;

/// <summary>
/// Task ids → their index in the definition, built once per definition by validation and by
/// <see cref="DagIndex"/>, so that each dependency string is resolved to an int once and every later pass works on
/// int arrays. An open-addressing table with linear probing in one int array: each slot holds the index and the
/// top bits of the id's hash, so a probe reads one slot (4 bytes) and compares the id string only when those bits
/// match. That keeps a 100,000-task table at 1 MB where a <c>Dictionary&lt;string, int&gt;</c> is 2.8 MB in two
/// arrays (a bucket and an entry read per lookup), and the cache misses of the larger table were what made a 100k
/// DAG cost far more than ten 10k ones. Hashes are the runtime's seeded string hashes, so crafted ids cannot force
/// long probe runs.
/// </summary>
public sealed class TaskIdTable : IDisposable
{
    private readonly int _count;
    private readonly bool _rented;
    private string[] _ids; // null where no id was added
    private int[] _slots; // 0 is empty; otherwise (hash & _tagMask) | (index + 1)
    private readonly int _mask;
    private readonly int _tagMask;
    private IReadOnlyCollection<string>? _keys;

    /// <summary>An empty table for the ids of tasks 0..<paramref name="count"/>-1.</summary>
    public TaskIdTable(int count)
        : this(count, rented: false)
    {
    }

    private TaskIdTable(int count, bool rented)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _count = count;
        _rented = rented;
        // A quarter to three quarters full: probe runs stay short, and a 100,000-task table (512 KB) fits the
        // core's cache where one at most half full (1 MB) did not. The index (plus one) takes a slot's low bits.
        var capacity = Math.Max(4, (int)BitOperations.RoundUpToPowerOf2((uint)(count + (count / 3) + 1)));
        _mask = capacity - 1;
        _ids = rented ? ArrayPool<string>.Shared.Rent(count) : new string[count];
        _slots = rented ? ArrayPool<int>.Shared.Rent(capacity) : new int[capacity];
        if (rented)
        {
            Array.Clear(_ids, 0, count);
            Array.Clear(_slots, 0, capacity);
        }

        var indexBits = 32 - BitOperations.LeadingZeroCount((uint)count);
        _tagMask = indexBits >= 31 ? 0 : ~((1 << indexBits) - 1);
    }

    /// <summary>
    /// A table whose arrays are rented until <see cref="Dispose"/>, for a caller that drops it when done (validation):
    /// a 100,000-task table is large-object-heap sized, and fresh ones bring full collections nearer.
    /// </summary>
    public static TaskIdTable Rent(int count) => new(count, rented: true);

    /// <summary>How many ids were added.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Adds <paramref name="id"/> as the id of task <paramref name="index"/>. Returns -1 when added, or the index
    /// that already has this id (then nothing is added).
    /// </summary>
    public int TryAdd(string id, int index)
    {
        ArgumentNullException.ThrowIfNull(id);
        if ((uint)index >= (uint)_count || _ids[index] is not null)
        {
            throw new ArgumentOutOfRangeException(nameof(index),
                $"Index {index} is outside the table or already used.");
        }

        var hash = id.GetHashCode();
        var mask = _mask;
        for (var p = hash & mask; ; p = (p + 1) & mask)
        {
            var slot = _slots[p];
            if (slot == 0)
            {
                _slots[p] = (hash & _tagMask) | (index + 1);
                _ids[index] = id;
                Count++;
                _keys = null;
                return -1;
            }

            if (Matches(slot, hash, id, out var existing))
            {
                return existing;
            }
        }
    }

    /// <summary>The index of <paramref name="id"/>, or -1 when no task has it.</summary>
    public int IndexOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var hash = id.GetHashCode();
        var mask = _mask;
        for (var p = hash & mask; ; p = (p + 1) & mask)
        {
            var slot = _slots[p];
            if (slot == 0)
            {
                return -1;
            }

            if (Matches(slot, hash, id, out var index))
            {
                return index;
            }
        }
    }

    public bool TryGetIndex(string id, out int index)
    {
        index = IndexOf(id);
        return index >= 0;
    }

    /// <summary>The id added for task <paramref name="index"/>, or null when none was.</summary>
    public string? IdOf(int index) => (uint)index < (uint)_count
        ? _ids[index]
        : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The added ids in index order, for "did you mean" hints.</summary>
    public IReadOnlyCollection<string> Keys => _keys ??= [.. _ids.Take(_count).Where(id => id is not null)];

    /// <summary>
    /// The ids by index; every entry is set once each task's id has been added. Not for a rented table.
    /// </summary>
    internal string[] IdArray => _rented ? throw new InvalidOperationException("The table's arrays are rented.") : _ids;

    /// <summary>Gives a rented table's arrays back; the table is empty afterwards. Nothing to do for another.</summary>
    public void Dispose()
    {
        if (_rented && _slots.Length > 0)
        {
            ArrayPool<string>.Shared.Return(_ids, clearArray: true);
            ArrayPool<int>.Shared.Return(_slots);
            (_ids, _slots) = ([], []);
        }
    }

    private bool Matches(int slot, int hash, string id, out int index)
    {
        index = (slot & ~_tagMask) - 1;
        return ((slot ^ hash) & _tagMask) == 0 && string.Equals(_ids[index], id, StringComparison.Ordinal);
    }
}
