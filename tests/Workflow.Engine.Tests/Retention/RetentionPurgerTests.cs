using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Retention;
using Workflow.Engine.Tests.Support;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Services;

namespace Workflow.Engine.Tests.Retention;

public sealed class RetentionPurgerTests
{
    [Fact]
    public async Task Runs_past_their_pipeline_retention_are_deleted_with_their_logs_and_the_rest_are_kept()
    {
        // Arrange: one pipeline keeps runs a day, another falls back to the 30-day default.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await using var engine = await StartAsync(clock);
        var shortLived = Pipelines.Define("short", Pipelines.Code("a", "chatty")) with
        {
            Retention = new RetentionPolicy { Runs = TimeSpan.FromDays(1) },
        };
        var kept = Pipelines.Define("default", Pipelines.Code("a", "chatty"));
        var expiring = await engine.StartRunAsync(shortLived);
        var staying = await engine.StartRunAsync(kept);
        await engine.WaitAsync(expiring.RunId);
        await engine.WaitAsync(staying.RunId);
        var logs = engine.Services.GetRequiredService<Workflow.Engine.Logs.LogStore>();
        Assert.True(Directory.Exists(logs.RunFolder(expiring.RunId)));

        // Act
        clock.Advance(TimeSpan.FromDays(2));
        var removed = await engine.Services.GetRequiredService<RetentionPurger>().PurgeAsync(CancellationToken.None);

        // Assert
        Assert.Equal(1, removed);
        Assert.Null(await engine.Workflow.GetRunAsync(expiring.RunId, CancellationToken.None));
        Assert.Empty(await engine.Workflow.ListAttemptsAsync(expiring.RunId, null, CancellationToken.None));
        Assert.False(Directory.Exists(logs.RunFolder(expiring.RunId)));
        Assert.NotNull(await engine.Workflow.GetRunAsync(staying.RunId, CancellationToken.None));
        Assert.True(Directory.Exists(logs.RunFolder(staying.RunId)));
    }

    [Fact]
    public async Task A_log_past_retention_logs_is_gone_with_when_and_why_and_an_attempt_that_wrote_none_reads_empty()
    {
        // Arrange: runs are kept two days and logs one; one task writes a line, the other nothing.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await using var engine = await StartAsync(clock);
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

    /// <summary>An engine on <paramref name="clock"/> whose handler <c>chatty</c> logs a line and <c>quiet</c> nothing.</summary>
    private static Task<TestEngine> StartAsync(FakeTimeProvider clock) =>
        TestEngine.StartAsync(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddCodeHandler("chatty", (ctx, _, _) =>
            {
                ctx.Log.WriteLine("working");
                return ValueTask.FromResult<JsonElement?>(null);
            });
            s.AddCodeHandler("quiet", (_, _, _) => ValueTask.FromResult<JsonElement?>(null));
        });
}
