using Workflow.Sla;
using static Workflow.Core.Tests.Sla.SlaFixtures;

namespace Workflow.Core.Tests.Sla;

public class AttemptTrackingTests
{
    [Fact]
    public void An_attempt_end_that_changes_nothing_allocates_nothing_while_no_alert_is_open()
    {
        // Arrange: a started monitor with no alert open, and the end of an attempt it never saw start, of a task it
        // does not know: nothing in the state changes, so nothing needs allocating either.
        var d = Chain();
        var state = SlaMonitorDecider.Decide(SlaMonitorState.Initial,
            new MonitorStarted(T0, "chain@1", d, Hourly(d), null)).State;
        Assert.True(state.OpenAlerts.IsEmpty);
        var edits = new MonitorEdits(state);
        var commands = new List<SlaCommand>();
        var end = new TaskFinished(T0 + M(1), "elsewhere", 1, TaskOutcome.Failed);
        AttemptTracking.Finished(edits, end, commands); // the first call's one-time costs are not the method's

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            AttemptTracking.Finished(edits, end, commands);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert
        Assert.Equal(0, allocated);
        Assert.Empty(commands);
    }
}
