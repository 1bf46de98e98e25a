using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Retention;
using Workflow.Engine.Tests.Support;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Services;

namespace Workflow.Engine.Tests.Retention;

public sealed class LogRetentionTests
{
    [Fact]
    public async Task A_log_past_retention_logs_is_gone_with_when_and_why_and_an_attempt_that_wrote_none_reads_empty()
    {
        // Arrange: runs are kept two days and logs one; one task writes a line, the other nothing.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await using var engine = await TestEngine.StartAsync(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddCodeHandler("chatty", (ctx, _, _) =>
            {
                ctx.Log.WriteLine("working");
                return ValueTask.FromResult<JsonElement?>(null);
            });
            s.AddCodeHandler("quiet", (_, _, _) => ValueTask.FromResult<JsonElement?>(null));
        });
        var pipeline = Pipelines.Define("logs-1d", Pipelines.Code("talk", "chatty"), Pipelines.Code("hush", "quiet")) with
        {
            Retention = new RetentionPolicy { Runs = TimeSpan.FromDays(2), Logs = TimeSpan.FromDays(1) },
        };
        var run = await engine.StartRunAsync(pipeline);
        await engine.WaitAsync(run.RunId);
        var finishedAt = (await engine.Workflow.GetRunAsync(run.RunId, CancellationToken.None))!.Run.FinishedAt!.Value;

        // Act
        clock.Advance(TimeSpan.FromHours(36));
        await engine.Services.GetRequiredService<RetentionPurger>().PurgeAsync(CancellationToken.None);
        var gone = await Assert.ThrowsAsync<GoneException>(async () =>
            await engine.Workflow.ReadLogAsync(run.RunId, "talk", 1, LogRange.From(0, 4096), CancellationToken.None));
        var empty = await engine.Workflow.ReadLogAsync(run.RunId, "hush", 1, LogRange.From(0, 4096),
            CancellationToken.None);

        // Assert
        var talk = Assert.Single(await engine.Workflow.ListAttemptsAsync(run.RunId, "talk", CancellationToken.None));
        Assert.True(talk.LogBytes > 0);
        var expiredAt = finishedAt.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'",
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"The log of attempt 1 of task 'talk' in run '{run.RunId}' ({talk.LogBytes} bytes) expired at " +
                     $"{expiredAt}: the pipeline's retention.logs of 1d removed it after the run finished.", gone.Message);
        Assert.Equal(new LogChunk(0, 0, string.Empty, true), empty);
    }

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
