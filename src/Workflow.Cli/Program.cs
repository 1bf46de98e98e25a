using Workflow.Cli;

return await CliApp.RunAsync(args, CliEnvironment.ForProcess());
