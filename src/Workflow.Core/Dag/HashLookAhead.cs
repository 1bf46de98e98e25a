using System.Runtime.CompilerServices;
using Workflow.Model;

namespace Workflow.Dag;

/// <summary>
/// Hashes the ids a pass over a definition will look up in a <see cref="TaskIdTable"/> a few steps before it does,
/// and prefetches their slots, so that the lookup of one id overlaps the work on the ids before it instead of
/// waiting for its slot from memory (a 100,000-task table is out of the core's cache; a 10,000-task one is not,
/// which made a 100k definition cost far more than ten 10k ones). The sequence is either every task's id or every
/// dependency of every task, in definition order; <see cref="Next"/> is called once per entry, in the same order,
/// null and empty entries included, and gives that entry's hash (meaningless for a null or empty one).
/// </summary>
internal ref struct HashLookAhead
{
    private const int Distance = 8;
    private const int Mask = (2 * Distance) - 1; // the ring holds the entries between the pass and the look-ahead

    private readonly TaskIdTable _table;
    private readonly IReadOnlyList<TaskDefinition?> _tasks; // read in place: a copy would be one more pass
    private readonly bool _dependencies;
    private Ring _hashes;
    private ReadOnlySpan<string> _row; // the dependencies of the task before _task, when looking over dependencies
    private int _task; // the next task the look-ahead reads
    private int _dependency; // the next entry of _row
    private int _hashed; // entries the look-ahead has passed
    private int _taken; // entries the pass has taken

    private HashLookAhead(TaskIdTable table, IReadOnlyList<TaskDefinition?> tasks, bool dependencies, int from)
    {
        _table = table;
        _tasks = tasks;
        _dependencies = dependencies;
        _task = from;
        for (var i = 0; i < Distance; i++)
        {
            Advance();
        }
    }

    /// <summary>Looks ahead over each task's id.</summary>
    public static HashLookAhead OverIds(TaskIdTable table, IReadOnlyList<TaskDefinition?> tasks) =>
        new(table, tasks, dependencies: false, from: 0);

    /// <summary>Looks ahead over the dependencies of each task from task <paramref name="from"/> on.</summary>
    public static HashLookAhead OverDependencies(TaskIdTable table, IReadOnlyList<TaskDefinition?> tasks,
        int from = 0) => new(table, tasks, dependencies: true, from);

    /// <summary>The hash of the next entry of the sequence; the look-ahead moves one entry on.</summary>
    public int Next()
    {
        var hash = _hashes[_taken++ & Mask];
        Advance();
        return hash;
    }

    private void Advance()
    {
        var id = _dependencies ? NextDependency() : _task < _tasks.Count ? _tasks[_task++]?.Id : null;
        if (!string.IsNullOrEmpty(id))
        {
            var hash = TaskIdTable.HashOf(id);
            _hashes[_hashed & Mask] = hash;
            _table.Prefetch(hash);
        }

        _hashed++;
    }

    private string? NextDependency()
    {
        while (_dependency >= _row.Length)
        {
            if (_task >= _tasks.Count)
            {
                return null;
            }

            _row = Dependencies.Of(_tasks[_task++]);
            _dependency = 0;
        }

        return _row[_dependency++];
    }

    [InlineArray(Mask + 1)]
    private struct Ring
    {
        private int _first;
    }
}
