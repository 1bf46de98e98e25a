namespace Workflow.Validation;

/// <summary>
/// The part of a definition that a group of fields belongs to (<c>defaults</c>, <c>tasks[3]</c>), for the paths of
/// its errors. A task's is formatted only when an error is reported there: formatting <c>tasks[i]</c> for every task
/// was most of what validating a valid definition allocated.
/// </summary>
internal readonly record struct FieldOwner(string? Name, int Task)
{
    public static implicit operator FieldOwner(string name) => new(name, -1);

    public static FieldOwner OfTask(int index) => new(null, index);

    public override string ToString() => Name ?? $"tasks[{Task}]";
}
