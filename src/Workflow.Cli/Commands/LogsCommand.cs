using System.CommandLine;
using Workflow.Cli.Api;
using Workflow.Cli.Progress;

namespace Workflow.Cli.Commands;

/// <summary>
/// <c>wf logs RUN TASK</c>: prints an attempt's log by byte ranges; with <c>--follow</c> it keeps polling from the
/// last offset until the attempt has finished and the whole log is printed.
/// </summary>
public static class LogsCommand
{
    private const int ChunkBytes = 65536;

    public static Command Create(CommandRunner runner)
    {
        var run = new Argument<string>("run") { Description = "The run id." };
        var task = new Argument<string>("task") { Description = "The task key (for a mapped task, e.g. load[3])." };
        var attempt = new Option<int?>("--attempt", "-a") { Description = "The attempt number (default: the latest)." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new output until the attempt ends." };
        var tail = new Option<long?>("--tail") { Description = "Start this many bytes before the end." };
        tail.Require(bytes => bytes is null or > 0, "--tail must be a positive number of bytes.");
        var command = new Command("logs", "Print a task attempt's log; --follow tails it.") { run, task, attempt, follow, tail };
        runner.SetAction(command, async (parse, session, ct) =>
        {
            var runId = parse.GetValue(run)!;
            var taskKey = parse.GetValue(task)!;
            var following = parse.GetValue(follow);
            var number = parse.GetValue(attempt) ?? await LatestAttemptAsync(session, runId, taskKey, following, ct);
            await CopyAsync(session, runId, taskKey, number, parse.GetValue(tail), following, ct);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<int> LatestAttemptAsync(Session session, string runId, string taskKey, bool wait,
        CancellationToken ct)
    {
        while (true)
        {
            var attempts = await session.Api.Runs.ListAttemptsAsync(runId, taskKey, ct);
            if (attempts.Count > 0)
            {
                return attempts.Max(a => a.Attempt);
            }

            if (!wait || await IsRunFinishedAsync(session, runId, ct))
            {
                throw new CliUsageException(
                    $"Task '{taskKey}' of run {runId} has not started yet, so it has no log. Use --follow to wait for it.");
            }

            await Task.Delay(session.Env.PollInterval, session.Env.Time, ct);
        }
    }

    private static async Task<bool> IsRunFinishedAsync(Session session, string runId, CancellationToken ct) =>
        States.IsRunFinished((await session.Api.Runs.GetAsync(runId, ct)).Run.Status);

    /// <summary>Reads from the offset until the end; when following, keeps polling until the attempt is complete.</summary>
    private static async Task CopyAsync(Session session, string runId, string taskKey, int attempt, long? tail,
        bool follow, CancellationToken ct)
    {
        long offset = 0;
        while (true)
        {
            // The first read of a --tail starts from the end (the server's tail parameter); every later one goes on
            // from the offset the previous answer reached.
            var chunk = tail is { } t
                ? await session.Api.Runs.ReadLogTailAsync(runId, taskKey, attempt, t, ChunkBytes, ct)
                : await session.Api.Runs.ReadLogAsync(runId, taskKey, attempt, offset, ChunkBytes, ct);
            tail = null;
            if (chunk.Text.Length > 0)
            {
                await session.Out.WriteAsync(chunk.Text);
                await session.Out.FlushAsync(ct);
            }

            // The server sends min(maxBytes, total - offset) bytes; counting them from the numbers, not from the
            // decoded text, keeps the offsets exact when a chunk boundary splits a UTF-8 character.
            var read = Math.Max(0, Math.Min(ChunkBytes, chunk.TotalBytes - chunk.Offset));
            offset = chunk.Offset + read;
            if (read > 0 && offset < chunk.TotalBytes)
            {
                continue; // More is already there: read on without waiting.
            }

            if (!follow || chunk.Complete)
            {
                return;
            }

            await Task.Delay(session.Env.PollInterval, session.Env.Time, ct);
        }
    }
}
