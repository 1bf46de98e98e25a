namespace Workflow.Services;

/// <summary>Something the request names does not exist (a pipeline, a version of it, a run): a 404.</summary>
public sealed class NotFoundException : ServiceException
{
    public NotFoundException()
        : base("The thing asked for does not exist.")
    {
    }

    public NotFoundException(string message)
        : base(message)
    {
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
