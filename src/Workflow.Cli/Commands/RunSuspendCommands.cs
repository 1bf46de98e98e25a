using System.CommandLine;

namespace Workflow.Cli.Commands;

/// <summary>
/// <c>wf runs suspend|resume</c>: hold a run (no new task starts, running ones finish) and let it go on.
/// </summary>
public static class RunSuspendCommands
{
    public static Command Suspend(CommandRunner runner) => Create(runner, suspend: true);

    public static Command Resume(CommandRunner runner) => Create(runner, suspend: false);

    private static Command Create(CommandRunner runner, bool suspend)
    {
        var run = new Argument<string>("run") { Description = "The run id (a child run's too: {parent}/{task}#{attempt})." };
        var reason = new Option<string?>("--reason") { Description = "Why, for the audit log." };
        var command = suspend
            ? new Command("suspend", "Suspend a run: no new task starts, running tasks finish, timers keep counting.")
            : new Command("resume", "Resume a suspended run: the tasks that became ready start.");
        command.Add(run);
        command.Add(reason);
        runner.SetAction(command, async (parse, session, ct) =>
        {
            var id = parse.GetValue(run)!;
            var changed = await session.Api.Runs.SuspendAsync(id, suspend, parse.GetValue(reason), ct);
            await session.Out.WriteLineAsync((suspend, changed) switch
            {
                (true, true) => $"Run {id} suspended: no new task starts until: wf runs resume {id}",
                (true, false) => $"Run {id} was already suspended.",
                (false, true) => $"Run {id} resumed.",
                (false, false) => $"Run {id} was not suspended; nothing to resume.",
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
