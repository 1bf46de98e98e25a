using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Retention;
using Workflow.Engine.Tests.Support;
using Workflow.Model;
using Workflow.Runtime.Handlers;

namespace Workflow.Engine.Tests.Retention;

public sealed class RetentionPurgerTests
{
    [Fact]
    public async Task Runs_past_their_pipeline_retention_are_deleted_with_their_logs_and_the_rest_are_kept()
    {
        // Arrange: one pipeline keeps runs a day, another falls back to the 30-day default.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await using var engine = await TestEngine.StartAsync(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddCodeHandler("chatty", (ctx, _, _) =>
            {
                ctx.Log.WriteLine("working");
                return ValueTask.FromResult<JsonElement?>(null);
            });
        });
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
}
