namespace Workflow.Runtime.Handlers;

/// <summary>
/// Thrown by a handler (a code handler, typically) to fail the attempt with a chosen error kind, which decides
/// whether it is retried; any other exception fails it as <c>handler</c>.
/// </summary>
public sealed class TaskFailureException : Exception
{
    public TaskFailureException(string errorKind, string message)
        : base(message) => ErrorKind = errorKind;

    public TaskFailureException()
        : this(Model.ErrorKinds.Handler, "The task failed.")
    {
    }

    public TaskFailureException(string message)
        : this(Model.ErrorKinds.Handler, message)
    {
    }

    public TaskFailureException(string message, Exception innerException)
        : base(message, innerException) => ErrorKind = Model.ErrorKinds.Handler;

    public string ErrorKind { get; }
}
