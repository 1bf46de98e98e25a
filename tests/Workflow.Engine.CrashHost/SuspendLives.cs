using Workflow.Engine.Services;
using Workflow.Execution;

namespace Workflow.Engine.CrashHost;

/// <summary>
/// The lives of the suspend crash test. "suspend": suspends the run once it runs, says so, and waits to be killed.
/// "resume": after recovery, waits until every attempt of the run has ended (attempts in flight at the kill run
/// again), prints the run's status then (<c>held suspended</c> when the suspension survived), and resumes it.
/// </summary>
public static class SuspendLives
{
    public static async Task SuspendAsync(WorkflowEngineService workflow)
    {
        await workflow.SuspendRunAsync(CrashPipeline.RunId, "crash-host", "crash test", CancellationToken.None);
        Console.WriteLine("suspended");
        await Task.Delay(Timeout.Infinite);
    }

    public static async Task ResumeAsync(WorkflowEngineService workflow)
    {
        // An attempt's end and its children's dispatch commit together, so a moment with every attempt ended and
        // the run not finished exists only while the run is held.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var attempts = await workflow.ListAttemptsAsync(CrashPipeline.RunId, null, CancellationToken.None);
            if (attempts.All(a => a.Status is not (Execution.TaskStatus.Pending or Execution.TaskStatus.Running)))
            {
                break;
            }

            await Task.Delay(50);
        }

        var run = await workflow.GetRunAsync(CrashPipeline.RunId, CancellationToken.None);
        Console.WriteLine($"held {run!.Run.Status.ToString().ToLowerInvariant()}");
        await workflow.ResumeRunAsync(CrashPipeline.RunId, "crash-host", null, CancellationToken.None);
    }
}
