using Workflow.Engine.CrashHost;
using Workflow.Engine.Tests.Support;

namespace Workflow.Engine.Tests.Crash;

/// <summary>
/// A host killed with SIGKILL while its run is suspended restarts with the run still suspended: the attempts in
/// flight at the kill run again and end, nothing new starts until the resume, and then the run completes with every
/// task recorded as succeeded exactly once.
/// </summary>
public sealed class SuspendCrashTests
{
    [Fact]
    public async Task A_run_suspended_before_a_SIGKILL_is_still_held_after_the_restart_and_completes_once_resumed()
    {
        // Arrange
        var data = TempDirectory.Create();
        var sideEffects = Path.Combine(data, "side-effects.txt");
        using (var first = CrashTests.StartHost(data, sideEffects, "suspend"))
        {
            await CrashTests.WaitForLineAsync(first, "suspended");
            first.Kill();
            await first.WaitForExitAsync();
        }

        // Act
        using var second = CrashTests.StartHost(data, sideEffects, "resume");
        await CrashTests.WaitForLineAsync(second, "held suspended");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await second.WaitForExitAsync(deadline.Token);

        // Assert
        Assert.Equal(0, second.ExitCode);
        var succeeded = await CrashTests.QueryAsync(data, "SELECT task_key FROM task_attempts WHERE status = 'succeeded';");
        Assert.Equal(CrashPipeline.Layers * CrashPipeline.Width, succeeded.Count);
        Assert.Equal(succeeded.Count, succeeded.Select(r => r[0]).Distinct().Count());
        var events = await CrashTests.QueryAsync(data,
            "SELECT type FROM run_events WHERE type IN ('RunSuspended', 'RunResumed') ORDER BY seq;");
        Assert.Equal(["RunSuspended", "RunResumed"], events.Select(e => e[0]));
    }
}
