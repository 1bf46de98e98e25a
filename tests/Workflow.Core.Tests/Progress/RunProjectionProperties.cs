using FsCheck;
using FsCheck.Fluent;
using Workflow.Core.Tests.Dag;
using Workflow.Dag;
using Workflow.Model;
using Workflow.Progress;
using Workflow.Services;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Core.Tests.Progress;

/// <summary>
/// The projection over small random runs: against a brute force over every dependency path, and the shape of the
/// critical path of active and finished runs.
/// </summary>
public sealed class RunProjectionProperties
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 12, 0, 0, TimeSpan.Zero);

    private static readonly TaskStatus[] Statuses =
        [TaskStatus.Pending, TaskStatus.Ready, TaskStatus.Running, TaskStatus.RetryWait, TaskStatus.Succeeded,
         TaskStatus.Failed, TaskStatus.Skipped];

    /// <summary>A run in progress: each task depends on some earlier ones and has a random state, times and estimate.</summary>
    private static Arbitrary<(TaskInstanceRecord[] Tasks, Dictionary<string, TimeSpan> Expected)> ActiveRuns() =>
        Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(
                Gen.Zip(Gen.Zip(Gen.Choose(0, Statuses.Length - 1), Gen.Choose(0, 1 << 8)),
                    Gen.Zip(Gen.Choose(0, 300), Gen.Choose(-1, 120))), n)
            .Select(rows =>
            {
                var tasks = new TaskInstanceRecord[rows.Length];
                var expected = new Dictionary<string, TimeSpan>();
                for (var i = 0; i < rows.Length; i++)
                {
                    var ((s, mask), (ago, seconds)) = rows[i];
                    var status = Statuses[s];
                    var ran = status is TaskStatus.Running or TaskStatus.RetryWait or TaskStatus.Succeeded or TaskStatus.Failed;
                    var ended = status is TaskStatus.Succeeded or TaskStatus.Failed;
                    tasks[i] = Record(i, status, ran ? Now - TimeSpan.FromSeconds(ago) : null,
                        ended ? Now - TimeSpan.FromSeconds(ago / 2.0) : null, Upstream(i, mask));
                    if (seconds >= 0)
                    {
                        expected["t" + i] = TimeSpan.FromSeconds(seconds);
                    }
                }

                return (tasks, expected);
            })).ToArbitrary();

    /// <summary>A finished run as an executor would leave it: each task starts some time after its upstream all finished.</summary>
    private static Arbitrary<TaskInstanceRecord[]> FinishedRuns() =>
        Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(
                Gen.Zip(Gen.Zip(Gen.Choose(0, 1 << 8), Gen.Choose(0, 9)), Gen.Zip(Gen.Choose(0, 5), Gen.Choose(0, 60))), n)
            .Select(rows =>
            {
                var origin = Now - TimeSpan.FromHours(1);
                var tasks = new TaskInstanceRecord[rows.Length];
                var ends = new DateTimeOffset[rows.Length]; // A skipped task ends when its upstream did.
                for (var i = 0; i < rows.Length; i++)
                {
                    var ((mask, skip), (gap, seconds)) = rows[i];
                    var deps = Upstream(i, mask);
                    var ready = deps.Select(d => ends[int.Parse(d[1..])]).DefaultIfEmpty(origin).Max();
                    tasks[i] = skip == 0
                        ? Record(i, TaskStatus.Skipped, null, null, deps)
                        : Record(i, TaskStatus.Succeeded, ready + TimeSpan.FromSeconds(gap),
                            ready + TimeSpan.FromSeconds(gap + seconds), deps);
                    ends[i] = tasks[i].FinishedAt ?? ready;
                }

                return tasks;
            })).ToArbitrary();

    private static string[] Upstream(int i, int mask) =>
        [.. Enumerable.Range(0, i).Where(j => (mask & (1 << j)) != 0).Select(j => "t" + j)];

    private static TaskInstanceRecord Record(int i, TaskStatus status, DateTimeOffset? started, DateTimeOffset? finished,
        string[] deps) => new("t" + i, "t" + i, status, started is null ? 0 : 1, started, finished, null, deps);

    [Fact]
    public void The_projected_finish_is_the_longest_dependency_path_found_by_brute_force()
    {
        Check.One(Config, Prop.ForAll(ActiveRuns(), run =>
            RunProjection.Project(run.Tasks, run.Expected, Now).Finish == BruteForceFinish(run.Tasks, run.Expected)));
    }

    [Fact]
    public void The_projected_finish_is_no_earlier_than_any_task_nor_now_while_a_task_is_unfinished()
    {
        Check.One(Config, Prop.ForAll(ActiveRuns(), run =>
        {
            var projected = RunProjection.Project(run.Tasks, run.Expected, Now);
            var unfinished = projected.Schedule.Any(t => t.Projected);
            return projected.Schedule.All(t => t.Finish is null || t.Finish <= projected.Finish)
                && (!unfinished || (projected.Finish >= Now && projected.Remaining == projected.Finish - Now));
        }));
    }

    [Fact]
    public void The_critical_path_is_a_chain_of_dependencies_each_starting_after_the_one_before_finished()
    {
        Check.One(Config, Prop.ForAll(ActiveRuns(), run => IsChain(run.Tasks, RunProjection.Project(run.Tasks, run.Expected, Now))));
    }

    [Fact]
    public void A_finished_runs_path_is_made_of_finished_tasks_whose_chain_is_contiguous_and_ends_at_the_last_finish()
    {
        Check.One(Config, Prop.ForAll(FinishedRuns(), tasks =>
        {
            var projected = RunProjection.Project(tasks, new Dictionary<string, TimeSpan>(), Now);
            var lastFinish = tasks.Max(t => t.FinishedAt);
            var path = projected.CriticalPath;
            return path.All(t => !t.Projected && t.Start is not null)
                && projected.Finish == lastFinish
                && projected.Remaining == TimeSpan.Zero
                && projected.Unestimated.Count == 0
                && IsChain(tasks, projected)
                && (path.Count == 0 || !TimedUpstream(tasks, tasks.Single(t => t.TaskKey == path[0].TaskKey)).Any());
        }));
    }

    [Fact]
    public void Before_any_task_starts_the_projection_takes_the_definitions_static_critical_path_length()
    {
        Check.One(Config, Prop.ForAll(RandomDag.Arbitrary, dag =>
        {
            var definition = new PipelineDefinition
            {
                Id = "p",
                OwnerGroup = "g",
                Tasks = [.. Enumerable.Range(0, dag.Count).Select(i => new TaskDefinition
                {
                    Id = "t" + i, Kind = "noop", ExpectedDuration = TimeSpan.FromSeconds(dag.Weights[i]),
                    DependsOn = [.. dag.Edges.Where(e => e.Child == i).Select(e => "t" + e.Parent).Distinct()],
                })],
            };
            var tasks = definition.Tasks
                .Select(t => new TaskInstanceRecord(t.Id, t.Id, TaskStatus.Pending, 0, null, null, null, t.DependsOn)).ToList();

            var projected = RunProjection.Project(tasks, RunProjection.Estimates(definition, new Dictionary<string, TimeSpan>()), Now);

            return projected.Remaining == DagIndex.Build(definition).CriticalPath().Length;
        }));
    }

    /// <summary>
    /// Each step is upstream of the next (directly or through tasks that ran no time) and ends before the next starts,
    /// unless every upstream of the next ended after it started (clocks that disagree, or random times).
    /// </summary>
    private static bool IsChain(TaskInstanceRecord[] tasks, ProjectedRun projected)
    {
        var path = projected.CriticalPath;
        var scheduled = projected.Schedule.ToDictionary(t => t.TaskKey);
        for (var k = 1; k < path.Count; k++)
        {
            var next = tasks.Single(t => t.TaskKey == path[k].TaskKey);
            var inOrder = path[k - 1].Finish <= path[k].Start
                || next.DependsOn.All(d => !(Seen(d) <= path[k].Start));
            if (!TimedUpstream(tasks, next).Any(u => u.TaskKey == path[k - 1].TaskKey) || !inOrder)
            {
                return false;
            }
        }

        return path.Count == 0 ? projected.Finish is null : path[^1].Finish == projected.Finish;

        // When downstream sees a task end: a skipped one when the last of its upstream did.
        DateTimeOffset? Seen(string key) => scheduled[key].Start is not null ? scheduled[key].Finish
            : tasks.Single(t => t.TaskKey == key).DependsOn.Select(Seen).Max();
    }

    /// <summary>The upstream tasks with times, looking through upstream tasks that ended without running.</summary>
    private static IEnumerable<TaskInstanceRecord> TimedUpstream(TaskInstanceRecord[] tasks, TaskInstanceRecord task) =>
        task.DependsOn.Select(d => tasks.Single(t => t.TaskKey == d)).SelectMany(u =>
            u.Status == TaskStatus.Skipped ? TimedUpstream(tasks, u) : [u]);

    private static bool Ended(TaskInstanceRecord t) => t.Status is TaskStatus.Succeeded or TaskStatus.Failed or TaskStatus.Skipped;

    /// <summary>
    /// The latest finish over every path, each walked from its first task: a finished task ends when it ended (a
    /// skipped one when its predecessor on the path did), a started one at max(start + expected, now), and a waiting
    /// one its expected duration after max(the predecessor's finish, now). Exponential, so small runs only.
    /// </summary>
    private static DateTimeOffset? BruteForceFinish(TaskInstanceRecord[] tasks, Dictionary<string, TimeSpan> expected)
    {
        DateTimeOffset? best = null;
        var downstream = tasks.ToDictionary(t => t.TaskKey, t => tasks.Where(d => d.DependsOn.Contains(t.TaskKey)).ToList());
        foreach (var first in tasks)
        {
            Walk(first, null);
        }

        return best;

        void Walk(TaskInstanceRecord task, DateTimeOffset? before)
        {
            var estimate = expected.GetValueOrDefault(task.TaskId);
            DateTimeOffset? at = task switch
            {
                { Status: TaskStatus.Skipped } => before,
                _ when Ended(task) => task.FinishedAt,
                { StartedAt: { } s } => Max(s + estimate, Now),
                _ => Max(before ?? Now, Now) + estimate,
            };
            if (at is { } a && task.Status != TaskStatus.Skipped && (best is null || a > best))
            {
                best = a;
            }

            foreach (var next in downstream[task.TaskKey])
            {
                Walk(next, at);
            }
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
