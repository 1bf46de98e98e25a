using FsCheck;
using FsCheck.Fluent;
using Workflow.Cli.Api;
using Workflow.Cli.Progress;
using static Workflow.Cli.Tests.Support.Tasks;

namespace Workflow.Cli.Tests.Progress;

public sealed class ProgressEstimatorProperties
{
    private static readonly string[] Statuses = ["pending", "running", "succeeded", "failed", "skipped", "retry-wait"];

    /// <summary>Random DAGs: each task depends on some earlier ones, has a random status and expected duration.</summary>
    private static Arbitrary<(TaskInfo[] Tasks, Dictionary<string, TimeSpan> Expected)> Dags() =>
        Gen.Choose(1, 12).SelectMany(n =>
            Gen.ArrayOf(Gen.Zip(Gen.Choose(0, Statuses.Length - 1), Gen.Zip(Gen.Choose(1, 600), Gen.Choose(0, 1 << 12))), n)
                .Select(rows =>
                {
                    var tasks = new TaskInfo[rows.Length];
                    var expected = new Dictionary<string, TimeSpan>();
                    for (var i = 0; i < rows.Length; i++)
                    {
                        var (status, (seconds, mask)) = rows[i];
                        var id = "t" + i;
                        var deps = Enumerable.Range(0, i).Where(j => (mask & (1 << j)) != 0).Select(j => "t" + j).ToArray();
                        var started = Statuses[status] is "pending" or "retry-wait" ? (DateTimeOffset?)null
                            : Now - TimeSpan.FromSeconds(seconds / 2.0);
                        var finished = Statuses[status] is "succeeded" or "failed" or "skipped" ? Now : (DateTimeOffset?)null;
                        tasks[i] = new TaskInfo(id, id, Statuses[status], 1, started, finished, null, deps);
                        expected[id] = TimeSpan.FromSeconds(seconds);
                    }

                    return (tasks, expected);
                })).ToArbitrary();

    [Fact]
    public void The_fraction_stays_between_zero_and_one()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Dags(), dag =>
            ProgressEstimator.Estimate("running", dag.Tasks, dag.Expected, null, Now).Fraction is >= 0 and <= 1));
    }

    [Fact]
    public void Finishing_a_running_task_never_lowers_the_fraction()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Dags(), dag =>
        {
            var before = ProgressEstimator.Estimate("running", dag.Tasks, dag.Expected, null, Now);
            var index = Array.FindIndex(dag.Tasks, t => t.Status == "running");
            if (index < 0)
            {
                return true;
            }

            var after = (TaskInfo[])dag.Tasks.Clone();
            after[index] = after[index] with { Status = "succeeded", FinishedAt = Now };
            var next = ProgressEstimator.Estimate("running", after, dag.Expected, null, Now);
            return next.Fraction >= before.Fraction - 1e-9;
        }));
    }
}
