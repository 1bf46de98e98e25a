namespace Workflow.Cli.Api;

/// <summary>
/// The CLI's only way to the service: one client per resource over one shared <see cref="ApiConnection"/>. Every
/// failure leaves as an <see cref="ApiException"/> (the server said no) or a
/// <see cref="ServerUnreachableException"/> (no answer).
/// </summary>
public sealed class WorkflowApi : IDisposable
{
    public WorkflowApi(Uri server, string? token, HttpMessageHandler? handler = null)
    {
        Connection = new ApiConnection(server, token, handler);
        Pipelines = new PipelinesClient(Connection);
        Runs = new RunsClient(Connection);
        Schedules = new SchedulesClient(Connection);
        Secrets = new SecretsClient(Connection);
        Service = new ServiceClient(Connection);
    }

    public ApiConnection Connection { get; }

    public PipelinesClient Pipelines { get; }

    public RunsClient Runs { get; }

    public SchedulesClient Schedules { get; }

    public SecretsClient Secrets { get; }

    public ServiceClient Service { get; }

    public Uri Server => Connection.Server;

    public void Dispose() => Connection.Dispose();
}
