namespace Workflow.Engine.Runtime;

/// <summary>
/// A unit of work for the writer. Ops are applied one after another on the writer's connection inside a shared
/// transaction (group commit); their effects outside the database run only after that transaction commits.
/// </summary>
internal abstract class WriteOp
{
    /// <summary>
    /// An isolated op (an API write) may throw a user error and may read and write the connection directly: it
    /// runs inside a savepoint of the batch's shared transaction, so a failure undoes only its own writes. Its
    /// caller hears of the failure, like of a success, once the batch is committed.
    /// </summary>
    public virtual bool Isolated => false;

    public abstract void Apply(WriteContext context);

    /// <summary>Called after the commit that made the op durable.</summary>
    public virtual void Committed()
    {
    }

    public virtual void Fail(Exception error)
    {
    }
}

/// <summary>An op whose caller awaits a result, which is released only once it is durable.</summary>
internal abstract class WriteOp<T> : WriteOp
{
    private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _value;

    public override bool Isolated => true;

    public Task<T> Result => _result.Task;

    public sealed override void Apply(WriteContext context) => _value = Execute(context);

    protected abstract T Execute(WriteContext context);

    public override void Committed() => _result.TrySetResult(_value!);

    public override void Fail(Exception error) => _result.TrySetException(error);
}
