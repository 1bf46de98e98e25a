using Workflow.Host.Hosting;

var app = WorkflowHost.Build(args);
await app.RunAsync();

/// <summary>The embedded host's entry point; public so that tests can start it in process.</summary>
public partial class Program;
