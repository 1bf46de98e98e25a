namespace Workflow.Services;

/// <summary>
/// Something the request names existed but its content has been removed for good, such as an attempt's log that
/// retention deleted: a 410, so that a caller can tell it from something that never existed or is empty.
/// </summary>
public sealed class GoneException : ServiceException
{
    public GoneException()
        : base("The thing asked for has been removed.")
    {
    }

    public GoneException(string message)
        : base(message)
    {
    }

    public GoneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
