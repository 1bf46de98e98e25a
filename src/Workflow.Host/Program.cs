using Workflow.Host.Hosting;

var app = WorkflowHost.Build(args);
if (!WorkflowHost.TryLockDataDirectory(app))
{
    await app.DisposeAsync();
    return WorkflowHost.DataDirectoryInUseExitCode;
}

await app.RunAsync();
return 0;

/// <summary>The embedded host's entry point; public so that tests can start it in process.</summary>
public partial class Program;
