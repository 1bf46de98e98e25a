using System.Globalization;

namespace Workflow.Execution;

/// <summary>
/// The key of one task instance, the one rule for its shape: a task's id, or <c>id[i]</c> for the instance of a
/// mapped task over item <c>i</c> of its source. Task ids cannot contain <c>[</c> (validation allows letters,
/// digits, '-', '_' and '.'), so the first bracket splits a key. Keys travel as plain strings in events, commands,
/// rows and JSON; this type makes and reads them.
/// </summary>
/// <param name="TaskId">The task's id in the definition.</param>
/// <param name="Index">The map item's index, or null for a task that is not mapped.</param>
public readonly record struct TaskInstanceKey(string TaskId, int? Index = null)
{
    /// <summary>Reads a key; one without a well-formed index is the plain task id before its first bracket.</summary>
    public static TaskInstanceKey Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var bracket = key.IndexOf('[', StringComparison.Ordinal);
        if (bracket <= 0)
        {
            return new TaskInstanceKey(key);
        }

        var id = key[..bracket];
        return key.EndsWith(']') &&
               int.TryParse(key.AsSpan(bracket + 1, key.Length - bracket - 2), NumberStyles.None,
                   CultureInfo.InvariantCulture, out var index)
            ? new TaskInstanceKey(id, index)
            : new TaskInstanceKey(id);
    }

    /// <summary>The task id of a key: <c>id</c> for both <c>id</c> and <c>id[3]</c>.</summary>
    public static string TaskIdOf(string key) => Parse(key).TaskId;

    /// <summary>The key of instance <paramref name="index"/> of mapped task <paramref name="taskId"/>.</summary>
    public static string Of(string taskId, int index) => new TaskInstanceKey(taskId, index).ToString();

    /// <summary>The key as it travels: <c>id</c> or <c>id[i]</c>.</summary>
    public override string ToString() =>
        Index is { } i ? string.Create(CultureInfo.InvariantCulture, $"{TaskId}[{i}]") : TaskId;
}
