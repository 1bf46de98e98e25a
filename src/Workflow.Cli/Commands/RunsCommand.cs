using System.CommandLine;
using Workflow.Cli.Api;
using Workflow.Cli.Rendering;
using Workflow.Cli.Watching;

namespace Workflow.Cli.Commands;

/// <summary><c>wf runs trigger|list|show|cancel|rerun|suspend|resume</c>.</summary>
public static class RunsCommand
{
    public static Command Create(CommandRunner runner)
    {
        return new Command("runs", "Trigger, list, inspect, cancel, rerun, suspend and resume runs.")
        {
            Trigger(runner), List(runner), Show(runner), Cancel(runner), Rerun(runner),
            RunSuspendCommands.Suspend(runner), RunSuspendCommands.Resume(runner),
        };
    }

    private static Command Trigger(CommandRunner runner)
    {
        var pipeline = new Argument<string>("pipeline") { Description = "The pipeline id." };
        var parameters = new Option<string[]>("--param", "-p")
        {
            Description = "A run parameter as name=value; repeat for more.",
        };
        var watch = new Option<bool>("--watch", "-w") { Description = "Watch the run until it ends." };
        var plain = WatchCommand.PlainOption();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the run id." };
        var command = new Command("trigger", "Start a run now.") { pipeline, parameters, watch, plain, quiet };
        runner.SetAction(command, async (parse, session, ct) =>
        {
            var id = parse.GetValue(pipeline)!;
            var given = parse.GetValue(parameters);
            var declared = given is { Length: > 0 } &&
                           await session.Api.Pipelines.FindOutlineAsync(id, null, ct) is { } outline
                ? ParameterParser.DeclaredTypes(outline)
                : null;
            var started = await session.Api.Runs.TriggerAsync(id, ParameterParser.Parse(given, declared), ct);
            var runId = started.RunId;
            await session.Out.WriteLineAsync(parse.GetValue(quiet) ? runId : $"Started run {runId} of {id}.");
            if (!parse.GetValue(watch))
            {
                if (!parse.GetValue(quiet))
                {
                    await session.Out.WriteLineAsync($"Follow it with: wf watch {runId}");
                }

                return ExitCodes.Ok;
            }

            return await new RunWatcher(session.Api, session.Env).WatchAsync(runId, parse.GetValue(plain), ct);
        });
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var pipeline = new Option<string?>("--pipeline") { Description = "Only runs of this pipeline." };
        var status = new Option<string?>("--status")
        {
            Description = "Only runs in this status: queued, running, suspended, succeeded, failed, cancelled.",
        };
        var limit = new Option<int?>("--limit", "-n") { Description = "At most this many runs (server default: 50)." };
        var command = new Command("list", "List recent runs, newest first.") { pipeline, status, limit };
        runner.SetAction(command, async (parse, session, ct) =>
        {
            var page = await session.Api.Runs.ListAsync(parse.GetValue(pipeline), parse.GetValue(status),
                parse.GetValue(limit), ct);
            if (page.Items.Count == 0)
            {
                await session.Out.WriteLineAsync("No runs match.");
                return ExitCodes.Ok;
            }

            session.Env.Console.Write(Tables.Runs(page.Items, session.Env.Time.GetUtcNow()));
            if (page.ContinuationToken is not null)
            {
                await session.Out.WriteLineAsync("More runs exist; narrow with --pipeline/--status or raise --limit.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var run = new Argument<string>("run") { Description = "The run id (a child run's too: {parent}/{task}#{attempt})." };
        var command = new Command("show", "Show a run and its tasks.") { run };
        runner.SetAction(command, async (parse, session, ct) =>
        {
            var detail = await session.Api.Runs.GetAsync(parse.GetValue(run)!, ct);
            var now = session.Env.Time.GetUtcNow();
            var r = detail.Run;
            await session.Out.WriteLineAsync($"Run       {r.RunId}");
            await session.Out.WriteLineAsync($"Pipeline  {r.PipelineId} v{r.PipelineVersion} (owner {r.OwnerGroup ?? "-"})");
            await session.Out.WriteLineAsync($"Status    {r.Status} ({r.Trigger ?? "-"})");
            await session.Out.WriteLineAsync(
                $"Started   {Formats.Instant(r.StartedAt)}  finished {Formats.Instant(r.FinishedAt)}  " +
                $"took {Formats.Elapsed(r.StartedAt, r.FinishedAt, now)}");
            if (r.RerunOf is not null)
            {
                await session.Out.WriteLineAsync($"Rerun of  {r.RerunOf}");
            }

            if (r.ParentRunId is not null)
            {
                await session.Out.WriteLineAsync($"Parent    {r.ParentRunId}");
            }

            foreach (var child in detail.Children ?? [])
            {
                await session.Out.WriteLineAsync($"Child     {child.RunId} ({child.Status})");
            }

            session.Env.Console.Write(Tables.Tasks(detail.Tasks, now, errorWidth: 200));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Cancel(CommandRunner runner)
    {
        var run = new Argument<string>("run") { Description = "The run id (a child run's too: {parent}/{task}#{attempt})." };
        var command = new Command("cancel", "Cancel a run: running tasks are stopped, waiting ones never start.") { run };
        runner.SetAction(command, async (parse, session, ct) =>
        {
            var id = parse.GetValue(run)!;
            await session.Api.Runs.CancelAsync(id, ct);
            await session.Out.WriteLineAsync($"Cancellation of run {id} requested.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Rerun(CommandRunner runner)
    {
        var run = new Argument<string>("run") { Description = "The run id (a child run's too: {parent}/{task}#{attempt})." };
        var watch = new Option<bool>("--watch", "-w") { Description = "Watch the new run until it ends." };
        var latest = new Option<bool>("--latest")
        {
            Description = "Rerun on the pipeline's current version (after a fix) instead of the run's own version.",
        };
        var fromTask = new Option<string?>("--from-task")
        {
            Description = "Rerun this task and everything downstream of it, even if they succeeded (a succeeded run too).",
        };
        var plain = WatchCommand.PlainOption();
        var command = new Command("rerun", "Start a new run that keeps the successful tasks and reruns the rest.")
        {
            run, watch, latest, fromTask, plain,
        };
        runner.SetAction(command, async (parse, session, ct) =>
        {
            var started = await session.Api.Runs.RerunAsync(parse.GetValue(run)!, parse.GetValue(latest),
                parse.GetValue(fromTask), ct);
            var runId = started.RunId;
            var from = parse.GetValue(fromTask) is { } task ? $" from task {task}" : "";
            await session.Out.WriteLineAsync($"Started run {runId} (rerun of {parse.GetValue(run)}{from}).");
            return parse.GetValue(watch)
                ? await new RunWatcher(session.Api, session.Env).WatchAsync(runId, parse.GetValue(plain), ct)
                : ExitCodes.Ok;
        });
        return command;
    }
}
