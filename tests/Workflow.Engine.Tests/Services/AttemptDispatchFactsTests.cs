using System.Text.Json;
using Workflow.Engine.Tests.Support;
using Workflow.Runtime.Handlers;

namespace Workflow.Engine.Tests.Services;

public sealed class AttemptDispatchFactsTests
{
    [Fact]
    public async Task An_attempt_shows_the_priority_and_timeout_it_was_dispatched_with()
    {
        await using var engine = await TestEngine.StartAsync(s =>
            s.AddCodeHandler("quiet", (_, _, _) => ValueTask.FromResult<JsonElement?>(null)));
        var pipeline = Pipelines.Define("dispatch-facts",
            Pipelines.Code("a", "quiet") with { Priority = 9, Timeout = TimeSpan.FromMinutes(3) },
            Pipelines.Code("b", "quiet"));

        var run = await engine.StartRunAsync(pipeline);
        await engine.WaitAsync(run.RunId);
        var attempts = await engine.Workflow.ListAttemptsAsync(run.RunId, null, CancellationToken.None);

        var a = Assert.Single(attempts, x => x.TaskKey == "a");
        var b = Assert.Single(attempts, x => x.TaskKey == "b");
        Assert.Equal((9, TimeSpan.FromMinutes(3)), (a.Priority, a.Timeout));
        Assert.Equal((0, (TimeSpan?)null), (b.Priority, b.Timeout));
    }
}
