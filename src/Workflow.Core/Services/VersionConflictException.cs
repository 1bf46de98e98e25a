namespace Workflow.Services;

/// <summary>The request names a version that is no longer the current one (a stale If-Match, or an edit that lost a race): a 409. The message says which version is current and how to retry.</summary>
public sealed class VersionConflictException : ServiceException
{
    public VersionConflictException()
        : base("The version given is not the current one.")
    {
    }

    public VersionConflictException(string message)
        : base(message)
    {
    }

    public VersionConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
