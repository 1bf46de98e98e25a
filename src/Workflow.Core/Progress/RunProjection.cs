using Workflow.Execution;
using Workflow.Model;
using Workflow.Services;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Progress;

/// <summary>
/// The one critical-path rule: a projected schedule of a run, and the chain of tasks that decides its finish. The
/// API answers it; <c>wf watch</c> and the dashboard show it.
/// </summary>
/// <remarks>
/// <para>Each task instance, upstream first:</para>
/// <list type="bullet">
/// <item>a finished task keeps its actual start and finish; one that ended without running (skipped, cancelled
/// while waiting) takes no time and is left off the path;</item>
/// <item>a started task (running or waiting to retry) finishes at max(start + expected, now);</item>
/// <item>a task that has not started starts at max(its upstream's latest finish, now) and takes its expected
/// duration.</item>
/// </list>
/// <para>Dependencies follow <see cref="InstanceGraph"/> (a mapped task's downstream waits for every instance). A task
/// with no expected duration takes what its succeeded instances in this run took on average (a mapped task's first
/// instances tell how long the others will take); with neither it counts as taking no time and is listed in
/// <see cref="ProjectedRun.Unestimated"/>: the projected finish is then a lower bound. Parallelism and pool limits are not modelled, so the projection is what
/// the run needs when every ready task gets a worker.</para>
/// <para>The critical path walks back from the task with the latest finish (the one latest in dependency order on a
/// tie) through the upstream that determined each start: the upstream that finished last at or before it (the
/// earliest one when clocks disagree and all finished after it). Once the run has ended this is the actual critical
/// path; while it runs, its finish minus now is the ETA.</para>
/// </remarks>
public static class RunProjection
{
    /// <summary>
    /// What each task is expected to take: its configured <see cref="TaskDefinition.ExpectedDuration"/>, replaced by
    /// the duration history where there is one (what the tasks really took recently is the better guess).
    /// </summary>
    public static IReadOnlyDictionary<string, TimeSpan> Estimates(PipelineDefinition? definition,
        IReadOnlyDictionary<string, TimeSpan> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var estimates = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var task in definition?.Tasks ?? [])
        {
            if (task.ExpectedDuration is { } configured)
            {
                estimates.TryAdd(task.Id, configured);
            }
        }

        foreach (var (taskId, duration) in history)
        {
            estimates[taskId] = duration;
        }

        return estimates;
    }

    public static ProjectedRun Project(IReadOnlyList<TaskInstanceRecord> tasks,
        IReadOnlyDictionary<string, TimeSpan> expected, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(expected);
        var graph = InstanceGraph.Build(tasks);
        var start = new DateTimeOffset?[tasks.Count];
        var finish = new DateTimeOffset?[tasks.Count];
        var via = new int[tasks.Count]; // The timed task that determined the start, or -1.
        var done = new bool[tasks.Count];
        var unestimated = new SortedSet<string>(StringComparer.Ordinal);
        var overdue = new List<string>();
        var (unfinished, estimated) = (0, 0);
        var observed = ObservedMeans(tasks);
        foreach (var i in graph.Order)
        {
            var task = tasks[i];
            var upstream = graph.Upstream[i].Where(u => done[u]).ToArray();
            var ended = IsFinished(task.Status);
            TimeSpan? estimate = ended ? null
                : expected.TryGetValue(task.TaskId, out var e) ? e
                : observed.TryGetValue(task.TaskId, out var seen) ? seen : null;
            if (!ended && estimate is null)
            {
                unestimated.Add(task.TaskId);
            }

            unfinished += ended ? 0 : 1;
            estimated += estimate is null ? 0 : 1;

            if (ended && (task.StartedAt ?? task.FinishedAt) is { } began)
            {
                start[i] = began;
                finish[i] = Later(task.FinishedAt ?? began, began);
                via[i] = Determining(upstream, began, start, finish, via);
            }
            else if (ended)
            {
                // Ran no time: downstream sees its upstream's finish, and the path passes through to that upstream.
                var latest = Latest(upstream, finish);
                via[i] = latest < 0 ? -1 : Anchor(latest, start, via);
                finish[i] = latest < 0 ? null : finish[latest];
            }
            else if (task.StartedAt is { } started)
            {
                start[i] = started;
                finish[i] = Later(started + (estimate ?? TimeSpan.Zero), now);
                via[i] = Determining(upstream, started, start, finish, via);
                if (estimate is { } known && started + known < now)
                {
                    overdue.Add(task.TaskKey);
                }
            }
            else
            {
                var latest = Latest(upstream, finish);
                start[i] = latest < 0 ? now : Later(finish[latest]!.Value, now);
                finish[i] = start[i] + (estimate ?? TimeSpan.Zero);
                via[i] = latest < 0 ? -1 : Anchor(latest, start, via);
            }

            done[i] = true;
        }

        var schedule = tasks.Select((t, i) => new ProjectedTask(t.TaskKey, t.TaskId, start[i],
            start[i] is null ? null : finish[i], !IsFinished(t.Status))).ToList();
        var path = PathBack(End(graph.Order, start, finish), via).Select(i => schedule[i]).ToList();
        var end = path.Count == 0 ? (DateTimeOffset?)null : path[^1].Finish;
        var remaining = end is { } f && f > now ? f - now : TimeSpan.Zero;
        return new ProjectedRun(schedule, path, end, remaining, [.. unestimated], overdue,
            EtaKnown: unfinished == 0 || estimated > 0);
    }

    /// <summary>The mean duration of each task id's succeeded instances in this run.</summary>
    private static Dictionary<string, TimeSpan> ObservedMeans(IReadOnlyList<TaskInstanceRecord> tasks) =>
        tasks.Where(t => t is { Status: TaskStatus.Succeeded, StartedAt: not null, FinishedAt: not null })
            .GroupBy(t => t.TaskId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => TimeSpan.FromTicks((long)g.Average(t =>
                Math.Max(0, (t.FinishedAt!.Value - t.StartedAt!.Value).Ticks))), StringComparer.Ordinal);

    private static bool IsFinished(TaskStatus status) =>
        status is TaskStatus.Succeeded or TaskStatus.Failed or TaskStatus.Skipped or TaskStatus.Cancelled;

    /// <summary>The upstream that finished last at or before <paramref name="began"/>, else the earliest to finish.</summary>
    private static int Determining(int[] upstream, DateTimeOffset began, DateTimeOffset?[] start,
        DateTimeOffset?[] finish, int[] via)
    {
        int before = -1, earliest = -1;
        foreach (var u in upstream)
        {
            if (finish[u] is not { } f)
            {
                continue;
            }

            if (f <= began && (before < 0 || f > finish[before]))
            {
                before = u;
            }

            if (earliest < 0 || f < finish[earliest])
            {
                earliest = u;
            }
        }

        var chosen = before >= 0 ? before : earliest;
        return chosen < 0 ? -1 : Anchor(chosen, start, via);
    }

    /// <summary>The upstream with the latest finish, or -1 when none has one.</summary>
    private static int Latest(int[] upstream, DateTimeOffset?[] finish)
    {
        var latest = -1;
        foreach (var u in upstream)
        {
            if (finish[u] is { } f && (latest < 0 || f > finish[latest]))
            {
                latest = u;
            }
        }

        return latest;
    }

    /// <summary>The task itself when it has a start, else (it ran no time) the task that determined its finish.</summary>
    private static int Anchor(int task, DateTimeOffset?[] start, int[] via) => start[task] is null ? via[task] : task;

    /// <summary>The task with the latest finish, the last in dependency order on a tie; -1 when none has a time.</summary>
    private static int End(int[] order, DateTimeOffset?[] start, DateTimeOffset?[] finish)
    {
        var end = -1;
        foreach (var i in order)
        {
            if (start[i] is not null && (end < 0 || finish[i] >= finish[end]))
            {
                end = i;
            }
        }

        return end;
    }

    private static IEnumerable<int> PathBack(int end, int[] via)
    {
        var path = new List<int>();
        for (var i = end; i >= 0; i = via[i])
        {
            path.Add(i);
        }

        path.Reverse();
        return path;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
