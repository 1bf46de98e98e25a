using System.Diagnostics;
using System.Text.Json;
using Workflow.Engine.Runtime;
using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Engine.CrashHost;

/// <summary>
/// The notification crash: one task whose first attempt fails, so the run decider schedules a retry and notifies
/// it. In the host's first life <see cref="Killer"/>, an observer registered ahead of the SLA monitor, kills the
/// process with SIGKILL the moment that notification is delivered: it is committed, and the monitor never hears
/// it. The next life must still raise its task-retrying alert.
/// </summary>
public static class NotifyKill
{
    public const string Flag = "notify-kill";
    public const string Id = "notify";
    public const string RunId = "notify@20260101T000000Z";
    public const string TaskId = "flaky";

    /// <summary>Written just before the kill, so that only the first life kills and the test can tell it did.</summary>
    public static string Marker(string dataDirectory) => Path.Combine(dataDirectory, "killed-at-notification");

    public static PipelineDefinition Define() => new()
    {
        Id = Id,
        OwnerGroup = "crash",
        Tasks =
        [
            new TaskDefinition
            {
                Id = TaskId,
                Kind = "code",
                Config = JsonSerializer.SerializeToElement(new { handler = "fail-first" }),
                Retry = new RetryPolicy { MaxAttempts = 2, InitialDelay = TimeSpan.FromMilliseconds(200) },
            },
        ],
        Sla = new SlaPolicy { Deadline = new DeadlineRule { Within = TimeSpan.FromHours(1) } },
    };

    /// <summary>Kills its own process, once per data directory, when a retry is notified.</summary>
    public sealed class Killer(string dataDirectory) : IRunObserver
    {
        public void Notified(RunInfo run, Notify notification)
        {
            if (notification.Kind != NotificationKind.TaskRetrying || File.Exists(Marker(dataDirectory)))
            {
                return;
            }

            File.WriteAllText(Marker(dataDirectory), notification.Message);
            Process.GetCurrentProcess().Kill();
        }
    }
}
