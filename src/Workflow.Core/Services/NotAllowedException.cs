namespace Workflow.Services;

/// <summary>The caller may not do this, whatever the state: a 403 whose message names what is missing.</summary>
public sealed class NotAllowedException : ServiceException
{
    public NotAllowedException()
        : base("The caller may not do this.")
    {
    }

    public NotAllowedException(string message)
        : base(message)
    {
    }

    public NotAllowedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
