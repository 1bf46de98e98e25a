using Workflow.Execution;
using Workflow.Services;
using static Workflow.Core.Tests.Execution.Defs;
using static Workflow.Core.Tests.Execution.Rerun.Versions;

namespace Workflow.Core.Tests.Execution.Rerun;

public class RerunVersionsTests
{
    private static readonly PipelineRecord One = V(1, Task("a"));
    private static readonly PipelineRecord Two = V(2, Task("a"), Task("b", "a"));

    private static RunRecord Run(RunStatus status, int version = 1) => new("p@manual-1", "p", version, "g", status,
        RunTrigger.Manual, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, null);

    private static ValueTask<PipelineRecord?> Stored(string pipelineId, int? version, CancellationToken ct) =>
        ValueTask.FromResult(version switch
        {
            1 => One,
            2 or null => Two,
            _ => (PipelineRecord?)null,
        });

    [Theory]
    [InlineData(RerunVersion.Pinned, 1)]
    [InlineData(RerunVersion.Latest, 2)]
    public async Task An_ended_run_reruns_on_its_pinned_or_the_current_version(RerunVersion version, int expected)
    {
        var (pinned, target) = await RerunVersions.ResolveAsync(Run(RunStatus.Failed), version, Stored,
            CancellationToken.None);

        Assert.Same(One, pinned);
        Assert.Equal(expected, target.Version);
    }

    [Theory]
    [InlineData(RunStatus.Queued, "queued")]
    [InlineData(RunStatus.Running, "running")]
    [InlineData(RunStatus.Suspended, "suspended")]
    public async Task A_run_still_active_is_refused_naming_its_status(RunStatus status, string named)
    {
        var refused = await Assert.ThrowsAsync<ConflictException>(() => RerunVersions.ResolveAsync(Run(status),
            RerunVersion.Pinned, Stored, CancellationToken.None).AsTask());

        Assert.Equal($"Run 'p@manual-1' is still {named}. Wait for it to finish, or cancel it, before rerunning it.",
            refused.Message);
    }

    [Fact]
    public async Task A_pinned_version_that_no_longer_exists_is_not_found()
    {
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => RerunVersions.ResolveAsync(
            Run(RunStatus.Succeeded, version: 7), RerunVersion.Latest, Stored,
            CancellationToken.None).AsTask());

        Assert.Equal("Version 7 of pipeline 'p' no longer exists.", missing.Message);
    }
}
