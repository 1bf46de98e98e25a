namespace Workflow.Cli.Api;

/// <summary>
/// No HTTP answer at all: connection refused, unknown host or a timeout. Kept apart from <see cref="ApiException"/>
/// so the message can name the server URL and how to point the CLI elsewhere.
/// </summary>
public sealed class ServerUnreachableException : Exception
{
    public ServerUnreachableException(Uri server, string reason, Exception? innerException = null)
        : base($"Cannot reach the Workflow server at {server} ({reason}).", innerException)
    {
        Server = server;
        Reason = reason;
    }

    public ServerUnreachableException()
        : this(new Uri("http://127.0.0.1:5080/"), "unknown")
    {
    }

    public ServerUnreachableException(string message)
        : this(new Uri("http://127.0.0.1:5080/"), message)
    {
    }

    public ServerUnreachableException(string message, Exception innerException)
        : this(new Uri("http://127.0.0.1:5080/"), message, innerException)
    {
    }

    public Uri Server { get; }

    public string Reason { get; }
}
