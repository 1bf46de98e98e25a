using System.CommandLine;
using Workflow.Cli.Rendering;

namespace Workflow.Cli.Commands;

/// <summary>
/// <c>wf schedule preview PIPELINE</c>: the next fire times, in UTC and in each schedule's zone;
/// <c>wf schedule list PIPELINE</c>: each schedule's state (an ended window shows <c>expired</c>).
/// </summary>
public static class ScheduleCommand
{
    public static Command Create(CommandRunner runner)
    {
        var pipeline = new Argument<string>("pipeline") { Description = "The pipeline id." };
        var count = new Option<int>("--count", "-n")
        {
            Description = "How many fire times to show.",
            DefaultValueFactory = _ => SchedulePreviewLimits.DefaultCount,
        };
        count.Require(n => n is >= 1 and <= SchedulePreviewLimits.MaxCount,
            $"--count must be between 1 and {SchedulePreviewLimits.MaxCount}, the server's limit.");
        var preview = new Command("preview", "Show the next fire times of a pipeline's schedules.") { pipeline, count };
        runner.SetAction(preview, async (parse, session, ct) =>
        {
            var id = parse.GetValue(pipeline)!;
            var items = await session.Api.Schedules.PreviewAsync(id, parse.GetValue(count), ct);
            if (items.Count == 0)
            {
                await session.Out.WriteLineAsync($"Pipeline {id} has no upcoming fire times (no enabled schedules, or all expired: see wf schedule list {id}).");
                return ExitCodes.Ok;
            }

            session.Env.Console.Write(Tables.Schedule(items));
            return ExitCodes.Ok;
        });
        var listId = new Argument<string>("pipeline") { Description = "The pipeline id." };
        var list = new Command("list", "Show a pipeline's schedules and their state (active, pending, expired, disabled).")
        {
            listId,
        };
        runner.SetAction(list, async (parse, session, ct) =>
        {
            session.Env.Console.Write(Tables.Schedules(await session.Api.Schedules.ListAsync(parse.GetValue(listId)!, ct)));
            return ExitCodes.Ok;
        });
        return new Command("schedule", "Inspect pipeline schedules.") { preview, list };
    }
}
