using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Workflow.Cli.Api;

namespace Workflow.Cli.Commands;

/// <summary>
/// <c>wf pipelines backfill ID --from --to [--schedule] [--max-active] [--no-wait]</c>: one run per occurrence of
/// a schedule in the range, started by the server at most <c>--max-active</c> at a time; prints the progress until
/// every run has ended (exit 2 when one failed).
/// </summary>
public static class BackfillCommand
{
    public static Command Create(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = "The pipeline id." };
        var from = new Option<string>("--from")
        {
            Description = "First instant of the range (inclusive), e.g. 2026-03-01 or 2026-03-01T00:00:00Z.",
            Required = true,
        };
        var to = new Option<string>("--to") { Description = "Last instant of the range (inclusive).", Required = true };
        var schedule = new Option<string?>("--schedule")
        {
            Description = "The schedule's name (needed when the pipeline has several).",
        };
        var maxActive = new Option<int?>("--max-active")
        {
            Description = "The most backfill runs at once (server default 1).",
        };
        var noWait = new Option<bool>("--no-wait") { Description = "Print the backfill id and return at once." };
        var command = new Command("backfill", "Run a pipeline for the past occurrences of a schedule in a range.")
        {
            id, from, to, schedule, maxActive, noWait,
        };
        runner.SetAction(command, async (parse, session, ct) =>
        {
            var pipeline = parse.GetValue(id)!;
            var body = new JsonObject
            {
                ["from"] = Instant(parse.GetValue(from)!, "--from"),
                ["to"] = Instant(parse.GetValue(to)!, "--to"),
            };
            if (parse.GetValue(schedule) is { } name)
            {
                body["schedule"] = name;
            }

            if (parse.GetValue(maxActive) is { } max)
            {
                body["maxActiveRuns"] = max;
            }

            var status = await session.Api.Schedules.StartBackfillAsync(pipeline, body, ct);
            var p = status.Progress;
            await session.Out.WriteLineAsync(
                $"Backfill {status.BackfillId} of {pipeline}: {p.Total} runs of schedule {status.Schedule}, " +
                $"{p.Existing} already run, at most {status.MaxActiveRuns} at a time.");
            if (parse.GetValue(noWait))
            {
                return ExitCodes.Ok;
            }

            return await FollowAsync(session, status, ct);
        });
        return command;
    }

    private static async Task<int> FollowAsync(Session session, BackfillAccepted status, CancellationToken ct)
    {
        string? last = null;
        while (true)
        {
            var p = status.Progress;
            var line = $"started {p.Started + p.Existing}/{p.Total}: {p.Succeeded} succeeded, {p.Failed} failed, " +
                       $"{p.Running} running, {p.Waiting} waiting, {p.Skipped} skipped";
            if (line != last)
            {
                await session.Out.WriteLineAsync(line);
                last = line;
            }

            if (p.Done)
            {
                await session.Out.WriteLineAsync(
                    $"Backfill {status.BackfillId} done: {p.Succeeded} succeeded, {p.Failed} failed, " +
                    $"{p.Skipped} skipped.");
                return p.Failed > 0 ? ExitCodes.RunNotSucceeded : ExitCodes.Ok;
            }

            await Task.Delay(session.Env.PollInterval, session.Env.Time, ct);
            status = await session.Api.Schedules.GetBackfillAsync(status.PipelineId, status.BackfillId, ct);
        }
    }

    private static string Instant(string text, string option) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value.ToString("O", CultureInfo.InvariantCulture)
            : throw new CliUsageException($"{option} '{text}' is not a date or an instant; write for example " +
                                          "2026-03-01 or 2026-03-01T02:00:00Z.");
}
