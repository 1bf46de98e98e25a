using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Model;

namespace Workflow.Runtime.Handlers.Process;

/// <summary>
/// The <c>process</c> kind: runs a command with its args, env and working directory, streams stdout and stderr
/// line by line to the attempt's log, and fails with <c>process-exit</c> on a non-zero exit code. On cancel or
/// timeout the whole process tree is killed; on Linux it runs in its own process group (see
/// <see cref="ProcessLaunch"/>), which is killed with it. The child sees <c>WF_IDEMPOTENCY_KEY</c>,
/// <c>WF_RUN_ID</c>, <c>WF_TASK_KEY</c> and <c>WF_ATTEMPT</c> (and, in the embedded host, <c>WF_DATA_DIRECTORY</c>),
/// and exchanges data through files (see <see cref="ProcessDataFiles"/>): <c>WF_INPUT_FILE</c> holds the task's input as JSON, and JSON the child writes to <c>WF_OUTPUT_FILE</c> becomes
/// the task's output.
/// </summary>
internal sealed class ProcessTaskHandler(ILogger<ProcessTaskHandler> logger, IOptions<ProcessTaskOptions> options)
    : ITaskHandler
{
    private const int TailLines = 5;

    public string Kind => "process";

    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        var config = ProcessTaskConfig.Parse(context.TaskId, context.Config);
        if (ProcessLaunch.For(config) is not { } start)
        {
            return CouldNotStart(context, config, "not found");
        }

        if (options.Value.DataDirectory is { } dataDirectory)
        {
            start.Environment[ProcessTaskOptions.DataDirectoryVariable] = dataDirectory;
        }

        start.Environment["WF_IDEMPOTENCY_KEY"] = context.IdempotencyKey;
        start.Environment["WF_RUN_ID"] = context.RunId;
        start.Environment["WF_TASK_KEY"] = context.TaskKey;
        start.Environment["WF_ATTEMPT"] = context.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var files = await ProcessDataFiles.CreateAsync(context.Input, cancellationToken);
        start.Environment[ProcessDataFiles.InputVariable] = files.InputPath;
        start.Environment[ProcessDataFiles.OutputVariable] = files.OutputPath;

        using var process = new System.Diagnostics.Process { StartInfo = start, EnableRaisingEvents = true };
        var stderrTail = new Queue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                context.Log.WriteLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            context.Log.WriteLine(e.Data);
            lock (stderrTail)
            {
                stderrTail.Enqueue(e.Data);
                if (stderrTail.Count > TailLines)
                {
                    stderrTail.Dequeue();
                }
            }
        };

        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return CouldNotStart(context, config, ex.Message);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Kill(process, context.IdempotencyKey);
            throw;
        }

        if (process.ExitCode == 0)
        {
            return await files.ReadOutputAsync(context.TaskId, cancellationToken) is { } output
                ? TaskOutcome.Success(output)
                : TaskOutcome.Success(JsonSerializer.SerializeToElement(new Dictionary<string, int> { ["exitCode"] = 0 }));
        }

        string tail;
        lock (stderrTail)
        {
            tail = string.Join(" | ", stderrTail);
        }

        return TaskOutcome.Failure(ErrorKinds.ProcessExit,
            $"'{config.Command}' exited with code {process.ExitCode}" + (tail.Length > 0 ? $"; stderr: {tail}" : "."));
    }

    private static TaskOutcome CouldNotStart(TaskContext context, ProcessTaskConfig config, string why) =>
        TaskOutcome.Failure(ErrorKinds.InvalidInput,
            $"Task '{context.TaskId}': could not start '{config.Command}': {why}. Check config.command and the PATH.");

    private void Kill(System.Diagnostics.Process process, string key)
    {
        try
        {
            var pid = process.Id;
            if (ProcessLaunch.OwnGroup && !OperatingSystem.IsWindows())
            {
                // The group holds every descendant, also those already re-parented away from the tree.
                Native.Posix.KillGroup(pid);
            }

            process.Kill(entireProcessTree: true);
            Log.ProcessKilled(logger, key, pid, "cancelled or timed out");
        }
        catch (InvalidOperationException)
        {
            // It exited on its own in the meantime.
        }
    }
}
