using System.CommandLine;
using Workflow.Cli.Watching;

namespace Workflow.Cli.Commands;

/// <summary><c>wf watch RUN</c>: live progress until the run ends; the exit code says whether it succeeded.</summary>
public static class WatchCommand
{
    public static Option<bool> PlainOption() => new("--plain")
    {
        Description = "Print progress lines instead of the live view (automatic when output is not a terminal).",
    };

    public static Command Create(CommandRunner runner)
    {
        var run = new Argument<string>("run") { Description = "The run id." };
        var plain = PlainOption();
        var command = new Command("watch", "Watch a run: progress bar, task table and ETA; exit 0 only if it succeeds.")
        {
            run, plain,
        };
        runner.SetAction(command, (parse, session, ct) =>
            new RunWatcher(session.Api, session.Env).WatchAsync(parse.GetValue(run)!, parse.GetValue(plain), ct));
        return command;
    }
}
