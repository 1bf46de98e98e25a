using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Workflow.Model;

namespace Workflow.Dag;

/// <summary>
/// Task ids → their index in the definition, built once per definition by validation and by
/// <see cref="DagIndex"/>, so that each dependency string is resolved to an int once and every later pass works on
/// int arrays. An open-addressing table with linear probing in one int array: each slot holds the index and the
/// bits of the id's hash that did not choose the slot, so a probe reads one slot (4 bytes) and compares the id
/// string only when those bits match. That keeps a 100,000-task table at 520 KB where a
/// <c>Dictionary&lt;string, int&gt;</c> is 2.8 MB in two arrays (a bucket and an entry read per lookup), and the cache misses of the larger table were what made a 100k
/// DAG cost far more than ten 10k ones. Hashes are the runtime's seeded string hashes, so crafted ids cannot force
/// long probe runs. A rented table (validation's) also keeps a copy of its ids' characters (<see cref="IdChars"/>),
/// so that looking up a short ASCII id reads neither the id array nor the id's string.
/// </summary>
public sealed class TaskIdTable : IDisposable
{
    private readonly int _count;
    private readonly bool _rented;
    private string[] _ids; // null where no id was added; empty in a table over tasks, which reads their ids
    private int[] _slots; // 0 is empty; otherwise Tag(hash) | (index + 1)
    private readonly int _capacity;
    private readonly int _indexBits;
    private readonly int _tagMask;
    private IReadOnlyCollection<string>? _keys;
    private IdChars? _chars; // a rented table's copy of its ids, which lookups compare with
    private readonly IReadOnlyList<TaskDefinition>? _tasks; // a table over tasks reads their ids instead of _ids

    /// <summary>An empty table for the ids of tasks 0..<paramref name="count"/>-1.</summary>
    public TaskIdTable(int count)
        : this(count, rented: false, tasks: null)
    {
    }

    /// <summary>
    /// A table for the ids of <paramref name="tasks"/>, added in order, that keeps no copy of them: a match reads the
    /// id from its task. A <see cref="DagIndex"/> lives as long as its run, and at 100,000 tasks a copy of the ids
    /// is 800 KB more of the large-object heap per index, whose fresh pages and the full collections they bring
    /// were most of what a large index cost beyond ten small ones. The tasks are a definition's, whose ids are
    /// init-only and which nothing changes once it is validated.
    /// </summary>
    internal TaskIdTable(IReadOnlyList<TaskDefinition> tasks)
        : this(tasks.Count, rented: false, tasks)
    {
    }

    /// <summary>
    /// A table over <paramref name="tasks"/> (as the constructor over tasks) whose slots are rented until
    /// <see cref="Dispose"/>: for resolving a definition's dependencies while a <see cref="DagIndex"/> is built,
    /// which keeps no table of its own unless one is asked for (<see cref="Over"/>).
    /// </summary>
    internal static TaskIdTable RentOver(IReadOnlyList<TaskDefinition> tasks) =>
        new(tasks.Count, rented: true, tasks);

    /// <summary>
    /// A table of every id of <paramref name="tasks"/>, which are known to be distinct (a definition a
    /// <see cref="DagIndex"/> was built from).
    /// </summary>
    internal static TaskIdTable Over(IReadOnlyList<TaskDefinition> tasks)
    {
        var table = new TaskIdTable(tasks);
        var hashes = HashLookAhead.OverIds(table, tasks);
        for (var i = 0; i < tasks.Count; i++)
        {
            table.TryAdd(tasks[i].Id, i, hashes.Next());
        }

        return table;
    }

    private TaskIdTable(int count, bool rented, IReadOnlyList<TaskDefinition>? tasks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _count = count;
        _rented = rented;
        _tasks = tasks;
        // At most three quarters full at every size, so probe runs stay short; the capacity is not rounded up to a
        // power of two (which made a 100,000-task table 1 MB, a quarter full, out of the core's cache where the
        // 10,000-task one was not), as a hash is brought into range by a multiply instead of a mask.
        _capacity = Math.Max(4, count + (count / 3) + 1);
        _ids = tasks is not null ? [] : rented ? ArrayPool<string>.Shared.Rent(count) : new string[count];
        _slots = rented ? ArrayPool<int>.Shared.Rent(_capacity) : new int[_capacity];
        if (rented)
        {
            Array.Clear(_ids, 0, _ids.Length == 0 ? 0 : count);
            Array.Clear(_slots, 0, _capacity);
        }

        // The index (plus one) takes a slot's low bits; the hash's low bits, which do not choose the slot, its top.
        _indexBits = 32 - BitOperations.LeadingZeroCount((uint)count);
        _tagMask = _indexBits >= 31 ? 0 : ~((1 << _indexBits) - 1);
        _chars = rented && tasks is null ? new IdChars(count) : null;
    }

    /// <summary>
    /// A table whose arrays are rented until <see cref="Dispose"/>, for a caller that drops it when done (validation):
    /// a 100,000-task table is large-object-heap sized, and fresh ones bring full collections nearer.
    /// </summary>
    public static TaskIdTable Rent(int count) => new(count, rented: true, tasks: null);

    /// <summary>How many ids were added.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Adds <paramref name="id"/> as the id of task <paramref name="index"/>. Returns -1 when added, or the index
    /// that already has this id (then nothing is added).
    /// </summary>
    public int TryAdd(string id, int index)
    {
        ArgumentNullException.ThrowIfNull(id);
        return TryAdd(id, index, HashOf(id));
    }

    /// <summary>
    /// As <see cref="TryAdd(string, int)"/>, with <paramref name="hash"/> = <see cref="HashOf"/>(id).
    /// </summary>
    internal int TryAdd(string id, int index, int hash)
    {
        ArgumentNullException.ThrowIfNull(id);
        if ((uint)index >= (uint)_count || (_tasks is null ? _ids[index] is not null : index != Count))
        {
            throw new ArgumentOutOfRangeException(nameof(index),
                $"Index {index} is outside the table or already used.");
        }

        for (var p = Home(hash); ; p = Next(p))
        {
            var slot = _slots[p];
            if (slot == 0)
            {
                _slots[p] = Tag(hash) | (index + 1);
                if (_tasks is null)
                {
                    _ids[index] = id;
                }

                _chars?.Add(index, id);
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
        return IndexOf(id, HashOf(id));
    }

    /// <summary>As <see cref="IndexOf(string)"/>, with <paramref name="hash"/> = <see cref="HashOf"/>(id).</summary>
    internal int IndexOf(string id, int hash)
    {
        ArgumentNullException.ThrowIfNull(id);
        for (var p = Home(hash); ; p = Next(p))
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

    /// <summary>The hash the table files <paramref name="id"/> under (the runtime's seeded string hash).</summary>
    internal static int HashOf(string id) => id.GetHashCode();

    /// <summary>
    /// Starts loading the slot where an id of this hash is filed, so that its <see cref="TryAdd(string, int, int)"/>
    /// or <see cref="IndexOf(string, int)"/> a few tasks later finds it in cache. A 100,000-task table does not stay
    /// in the core's cache while a definition streams through it, and without this each id waits for one slot
    /// from memory; callers hash a few ids ahead of the one they resolve (<see cref="HashLookAhead"/>).
    /// </summary>
    internal unsafe void Prefetch(int hash)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref _slots[Home(hash)]));
        }
    }

    /// <summary>The id added for task <paramref name="index"/>, or null when none was.</summary>
    public string? IdOf(int index) => (uint)index >= (uint)_count
        ? throw new ArgumentOutOfRangeException(nameof(index))
        : _tasks is null ? _ids[index] : index < Count ? _tasks[index].Id : null;

    /// <summary>The added ids in index order, for "did you mean" hints.</summary>
    public IReadOnlyCollection<string> Keys => _keys ??= [.. Enumerable.Range(0, _count).Select(IdOf).OfType<string>()];

    /// <summary>
    /// The ids by index; every entry is set once each task's id has been added. Not for a rented table, unless
    /// it is over tasks (whose ids it reads).
    /// </summary>
    internal IReadOnlyList<string> IdList => _tasks is not null
        ? new TaskIds(_tasks)
        : _rented ? throw new InvalidOperationException("The table's arrays are rented.") : _ids;

    /// <summary>Gives a rented table's arrays back; the table is empty afterwards. Nothing to do for another.</summary>
    public void Dispose()
    {
        _chars?.Dispose();
        _chars = null;
        if (_rented && _slots.Length > 0)
        {
            if (_ids.Length > 0)
            {
                ArrayPool<string>.Shared.Return(_ids, clearArray: true);
            }

            ArrayPool<int>.Shared.Return(_slots);
            (_ids, _slots) = ([], []);
        }
    }

    private int Home(int hash) => (int)(((ulong)(uint)hash * (uint)_capacity) >> 32);

    private int Next(int p) => p + 1 == _capacity ? 0 : p + 1;

    private int Tag(int hash) => (hash << _indexBits) & _tagMask;

    private bool Matches(int slot, int hash, string id, out int index)
    {
        index = (slot & ~_tagMask) - 1;
        return ((slot ^ Tag(hash)) & _tagMask) == 0 &&
               (_chars?.Equals(index, id) ??
                string.Equals(_tasks is null ? _ids[index] : _tasks[index].Id, id, StringComparison.Ordinal));
    }
}
