namespace Workflow.Services;

/// <summary>The request cannot be carried out in the state things are in now: an overlap policy refusing a start, a run still running, kept tasks that no longer fit a version. A 409 whose message says what to wait for or change.</summary>
public sealed class ConflictException : ServiceException
{
    public ConflictException()
        : base("The request conflicts with the current state.")
    {
    }

    public ConflictException(string message)
        : base(message)
    {
    }

    public ConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
