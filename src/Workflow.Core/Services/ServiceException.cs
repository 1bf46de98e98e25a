namespace Workflow.Services;

/// <summary>
/// An error a caller of a service can cause, as opposed to a fault of ours. The services of both hosts throw only
/// these for what a caller did wrong: <see cref="NotFoundException"/>, <see cref="VersionConflictException"/>,
/// <see cref="InvalidRequestException"/>, <see cref="NotAllowedException"/>, <see cref="ConflictException"/> and
/// <see cref="GoneException"/>.
/// The API answers each with its own status in one place; any other exception is a bug or an outage, a 500.
/// </summary>
public abstract class ServiceException : Exception
{
    private protected ServiceException(string message)
        : base(message)
    {
    }

    private protected ServiceException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
