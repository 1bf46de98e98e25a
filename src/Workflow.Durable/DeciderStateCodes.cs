using System.Globalization;
using System.Text;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Progress;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Durable;

/// <summary>
/// The states of the tasks the decider carries out itself (<see cref="DeciderTaskStates"/>) in a form short enough
/// for the run's custom status whatever their number: no task keys, only statuses, in the order of the run's pinned
/// definition, which the reader holds too. The units are each delay, wait-until and sub-pipeline task in definition
/// order, a mapped one as its instances in index order (none before it expands). The code is
/// <c>{counts};{statuses}</c>: the instance counts of the mapped ones, comma-separated, then the units' statuses,
/// either <c>L</c> and their letters run-length coded (<c>L3r2s</c>: three running, two succeeded) or, when shorter,
/// <c>B</c> and three bits a unit in base64 (at most two characters for three units, whatever the order). Past
/// <see cref="MaxLength"/> characters the statuses stop short and the code is marked cut.
/// </summary>
public static class DeciderStateCodes
{
    /// <summary>The longest code kept, in characters: half of Durable's 16 KB custom status limit.</summary>
    public const int MaxLength = 8 * 1024;

    /// <summary>More units than a run can have (validation caps a map's items far below it): not a code.</summary>
    private const int MaxUnits = 10_000_000;

    private const int BitsPerUnit = 3;

    /// <summary>Each status's letter; its place in this list is its three-bit value.</summary>
    private static readonly (TaskStatus Status, char Letter)[] Letters =
    [
        (TaskStatus.Pending, 'p'), (TaskStatus.Running, 'r'), (TaskStatus.RetryWait, 'w'),
        (TaskStatus.Succeeded, 's'), (TaskStatus.Failed, 'f'), (TaskStatus.Skipped, 'k'),
        (TaskStatus.Cancelled, 'c'), (TaskStatus.Ready, 'q'),
    ];

    /// <summary>The code of the run's decider-run units; null when its definition has none.</summary>
    public static (string? Code, bool Cut) Encode(RunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Definition is not { } definition || !DeciderTaskStates.AnyIn(definition))
        {
            return (null, false);
        }

        var counts = new List<int>();
        var units = new List<int>(state.Units.Count);
        foreach (var (i, task) in DeciderTaskStates.TasksIn(definition).TakeWhile(t => t.Index < state.Tasks.Count))
        {
            var taskState = state.Tasks[i];
            var (first, count) = taskState.Unit >= 0
                ? (taskState.Unit, 1)
                : (taskState.FirstInstance, Math.Max(0, taskState.InstanceCount));
            if (task.Map is not null)
            {
                counts.Add(first >= 0 ? count : 0);
            }

            for (var u = 0; u < count && first >= 0; u++)
            {
                units.Add(ValueOf(state.Units[first + u].Status));
            }
        }

        var head = string.Join(',', counts.Select(c => c.ToString(CultureInfo.InvariantCulture))) + ";";
        var room = MaxLength - head.Length;
        // Three bits a unit take four base64 characters per eight units: letters no longer than that need no packing.
        var letters = LetterRuns(units);
        if (letters.Length <= room && letters.Length <= 2 + (units.Count / 2))
        {
            return (head + letters, false);
        }

        var bits = "B" + Convert.ToBase64String(Pack(units));
        var shorter = letters.Length <= bits.Length ? letters : bits;
        if (shorter.Length <= room)
        {
            return (head + shorter, false);
        }

        // Whole base64 quads only, so that what is kept decodes; each quad holds eight units.
        var kept = ((room - 1) / 4) * 4;
        return (kept <= 0 ? null : head + bits[..(1 + kept)], true);
    }

    /// <summary>
    /// The states a code gives, by task key, read against the definition it was written for; null when it does not
    /// fit that definition. A cut code gives the units it kept.
    /// </summary>
    public static IReadOnlyDictionary<string, TaskStatus>? Decode(string code, PipelineDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(definition);
        var split = code.IndexOf(';', StringComparison.Ordinal);
        if (split < 0 || Counts(code[..split]) is not { } counts)
        {
            return null;
        }

        var tasks = DeciderTaskStates.TasksIn(definition).Select(t => t.Task).ToList();
        if (counts.Count != tasks.Count(t => t.Map is not null))
        {
            return null;
        }

        var keys = new List<string>();
        var mapped = 0;
        foreach (var task in tasks)
        {
            if (task.Map is null)
            {
                keys.Add(task.Id);
                continue;
            }

            var count = counts[mapped++];
            for (var i = 0; i < count; i++)
            {
                keys.Add(TaskInstanceKey.Of(task.Id, i));
            }
        }

        if (Units(code[(split + 1)..], keys.Count) is not { } units || units.Count > keys.Count)
        {
            return null;
        }

        var states = new Dictionary<string, TaskStatus>(units.Count, StringComparer.Ordinal);
        for (var u = 0; u < units.Count; u++)
        {
            states[keys[u]] = Letters[units[u]].Status;
        }

        return states;
    }

    private static string LetterRuns(List<int> units)
    {
        var code = new StringBuilder("L");
        for (var u = 0; u < units.Count;)
        {
            var run = 1;
            while (u + run < units.Count && units[u + run] == units[u])
            {
                run++;
            }

            code.Append(run > 1 ? run.ToString(CultureInfo.InvariantCulture) : "").Append(Letters[units[u]].Letter);
            u += run;
        }

        return code.ToString();
    }

    private static byte[] Pack(List<int> units)
    {
        var bytes = new byte[((units.Count * BitsPerUnit) + 7) / 8];
        for (var u = 0; u < units.Count; u++)
        {
            for (var b = 0; b < BitsPerUnit; b++)
            {
                if ((units[u] >> b & 1) != 0)
                {
                    var bit = (u * BitsPerUnit) + b;
                    bytes[bit / 8] |= (byte)(1 << (bit % 8));
                }
            }
        }

        return bytes;
    }

    /// <summary>The units' three-bit values a statuses part gives, at most <paramref name="total"/>; null when it is
    /// not one.</summary>
    private static List<int>? Units(string part, int total)
    {
        if (part.StartsWith('L'))
        {
            return LetterUnits(part.AsSpan(1));
        }

        if (!part.StartsWith('B'))
        {
            return null;
        }

        var bytes = new byte[(part.Length - 1) / 4 * 3];
        if (!Convert.TryFromBase64String(part[1..], bytes, out var written))
        {
            return null;
        }

        var units = new List<int>();
        for (var u = 0; u < total && ((u + 1) * BitsPerUnit) <= written * 8; u++)
        {
            var value = 0;
            for (var b = 0; b < BitsPerUnit; b++)
            {
                var bit = (u * BitsPerUnit) + b;
                value |= (bytes[bit / 8] >> (bit % 8) & 1) << b;
            }

            units.Add(value);
        }

        return units;
    }

    private static List<int>? LetterUnits(ReadOnlySpan<char> letters)
    {
        var units = new List<int>();
        var count = 0;
        foreach (var c in letters)
        {
            if (char.IsAsciiDigit(c))
            {
                count = (count * 10) + (c - '0');
                if (count > MaxUnits)
                {
                    return null;
                }

                continue;
            }

            var value = ValueOfLetter(c);
            if (value < 0 || units.Count + Math.Max(count, 1) > MaxUnits)
            {
                return null;
            }

            units.AddRange(Enumerable.Repeat(value, Math.Max(count, 1)));
            count = 0;
        }

        return count == 0 ? units : null;
    }

    private static List<int>? Counts(string part)
    {
        var counts = new List<int>();
        foreach (var item in part.Length == 0 ? [] : part.Split(','))
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > MaxUnits)
            {
                return null;
            }

            counts.Add(count);
        }

        return counts;
    }

    /// <summary>A status's three-bit value: a loop, not a lambda, since it runs once a unit.</summary>
    private static int ValueOf(TaskStatus status)
    {
        for (var v = 0; v < Letters.Length; v++)
        {
            if (Letters[v].Status == status)
            {
                return v;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(status), status, "A task status the code has no letter for.");
    }

    private static int ValueOfLetter(char letter)
    {
        for (var v = 0; v < Letters.Length; v++)
        {
            if (Letters[v].Letter == letter)
            {
                return v;
            }
        }

        return -1;
    }
}
