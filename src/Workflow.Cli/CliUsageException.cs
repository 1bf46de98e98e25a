namespace Workflow.Cli;

/// <summary>A mistake the user can fix without the server: a missing file, a bad option value, a bad URL.</summary>
public sealed class CliUsageException : Exception
{
    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException()
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
