using Workflow.Cli.Api;

namespace Workflow.Cli.Tests.Support;

/// <summary>Builds task rows as the API reports them, relative to a fixed instant.</summary>
public static class Tasks
{
    public static readonly DateTimeOffset Now = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    public static TaskInfo Pending(string id, params string[] dependsOn) =>
        new(id, id, "pending", 0, null, null, null, dependsOn);

    public static TaskInfo Running(string id, TimeSpan elapsed, params string[] dependsOn) =>
        new(id, id, "running", 1, Now - elapsed, null, null, dependsOn);

    public static TaskInfo Succeeded(string id, TimeSpan took, params string[] dependsOn) =>
        new(id, id, "succeeded", 1, Now - took - TimeSpan.FromMinutes(1), Now - TimeSpan.FromMinutes(1), null, dependsOn);

    public static TaskInfo Instance(TaskInfo task, string key) => task with { TaskKey = key };

    /// <summary>A server's critical-path answer: <paramref name="path"/> in order, each projected, ending after <paramref name="remaining"/>.</summary>
    public static RunCriticalPath Critical(TimeSpan remaining, params string[] path) =>
        new("p@manual-1", Now, [.. path.Select(k => new CriticalPathStep(k, Now, Now + remaining, true))], Now + remaining,
            remaining.TotalSeconds, [], []);

    public static RunDetail Run(string status, params TaskInfo[] tasks) =>
        new(new RunInfo("p@manual-1", "p", 1, "g", status, "manual", Now, Now, Now, null), tasks);
}
