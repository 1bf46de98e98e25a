using System.CommandLine;

namespace Workflow.Cli.Commands;

/// <summary>The command tree of <c>wf</c>. Built per invocation so tests can parse and run it in-process.</summary>
public static class CliCommands
{
    public static RootCommand Build(CliEnvironment env)
    {
        var global = new GlobalOptions();
        var runner = new CommandRunner(env, global);
        var root = new RootCommand("wf: manage Workflow pipelines and runs over the HTTP API.")
        {
            global.Server,
            global.Token,
            LoginCommand.Create(runner, global),
            PipelinesCommand.Create(runner),
            RunsCommand.Create(runner),
            WatchCommand.Create(runner),
            LogsCommand.Create(runner),
            ScheduleCommand.Create(runner),
            SmokeCommand.Create(runner),
            SecretsCommand.Create(runner),
            AlertsCommand.Create(runner),
        };
        return root;
    }
}
