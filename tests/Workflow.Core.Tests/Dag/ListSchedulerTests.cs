using Workflow.Dag;

namespace Workflow.Core.Tests.Dag;

public class ListSchedulerTests
{
    // 0 -> 2, 1 -> 2: two roots of 10 s and 30 s, then a join of 5 s.
    private static readonly DagGraph Join = DagGraph.Create(3, [(0, 2), (1, 2)]);
    private static readonly double[] JoinSeconds = [10, 30, 5];

    private static ListScheduler Scheduler(int slots, int[]? priorities = null, bool[]? slotless = null) =>
        new(Join, TopologicalSort.TryOrder(Join)!, JoinSeconds, priorities, slots, slotless);

    [Fact]
    public void One_slot_runs_the_tasks_one_after_another()
    {
        var starts = new double[3];

        var makespan = Scheduler(1).Play([0, 1, 0], starts);

        Assert.Equal(TimeSpan.FromSeconds(45), makespan);
        Assert.Equal([30, 0, 40], starts);
    }

    [Fact]
    public void Enough_slots_finish_in_the_critical_path()
    {
        Assert.Equal(TimeSpan.FromSeconds(35), Scheduler(2).Makespan([0, 0, 0]));
    }

    [Fact]
    public void Priority_goes_before_the_key()
    {
        var starts = new double[3];

        Scheduler(1, priorities: [1, 0, 0]).Play([0, 1, 0], starts);

        Assert.Equal([0, 10, 40], starts);
    }

    [Fact]
    public void Equal_keys_start_in_the_order_the_tasks_became_ready()
    {
        var starts = new double[3];

        Scheduler(1).Play([0, 0, 0], starts);

        Assert.Equal([0, 10, 40], starts);
    }

    [Fact]
    public void A_task_without_a_slot_starts_as_soon_as_it_is_ready()
    {
        var starts = new double[3];

        var makespan = Scheduler(1, slotless: [true, false, false]).Play([0, 0, 0], starts);

        Assert.Equal([0, 0, 30], starts);
        Assert.Equal(TimeSpan.FromSeconds(35), makespan);
    }

    [Fact]
    public void A_reversed_graph_plays_the_dependencies_backwards()
    {
        var reversed = Join.Reversed();

        var makespan = new ListScheduler(reversed, [2, 0, 1], JoinSeconds, default, 1).Makespan([0, 0, 0]);

        Assert.Equal([0, 1], reversed.Children(2).ToArray());
        Assert.Equal([2], reversed.Parents(0).ToArray());
        Assert.Equal(TimeSpan.FromSeconds(45), makespan);
    }

    [Fact]
    public void Keys_must_cover_every_task()
    {
        var error = Assert.Throws<ArgumentException>(() => Scheduler(1).Makespan([1, 2]));

        Assert.Contains("Expected 3 keys", error.Message, StringComparison.Ordinal);
    }
}
