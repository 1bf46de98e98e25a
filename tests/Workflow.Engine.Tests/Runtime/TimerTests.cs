using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;

namespace Workflow.Engine.Tests.Runtime;

public sealed class TimerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_retry_timer_that_came_due_while_the_host_was_down_fires_at_once_after_restart()
    {
        // Arrange: the first attempt fails and its retry waits an hour on a durable timer.
        var data = TempDirectory.Create();
        var clock = new FakeTimeProvider(Start);
        var calls = 0;
        void Register(IServiceCollection s)
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddCodeHandler("flaky", (_, _, _) => Interlocked.Increment(ref calls) == 1
                ? throw new TaskFailureException(ErrorKinds.Network, "connection reset")
                : ValueTask.FromResult<JsonElement?>(JsonSerializer.SerializeToElement("ok")));
        }

        var pipeline = Pipelines.Define("retrying", Pipelines.Code("fetch", "flaky")) with
        {
            Defaults = new TaskDefaults
            {
                Retry = new RetryPolicy
                {
                    MaxAttempts = 2,
                    InitialDelay = TimeSpan.FromHours(1),
                    MaxDelay = TimeSpan.FromHours(1),
                },
            },
        };
        string runId;
        await using (var first = await TestEngine.StartAsync(Register, data))
        {
            runId = (await first.StartRunAsync(pipeline)).RunId;
            await Poll.UntilAsync(async () => (await first.Workflow.ListAttemptsAsync(runId, null, CancellationToken.None))
                .Any(a => a.Status == Execution.TaskStatus.Failed), "the first attempt to fail");
        }

        // Act: two hours pass while the host is down.
        clock.Advance(TimeSpan.FromHours(2));
        await using var second = await TestEngine.StartAsync(Register, data);
        var status = await second.WaitAsync(runId);

        // Assert
        Assert.Equal(RunStatus.Succeeded, status);
        var attempts = await second.Workflow.ListAttemptsAsync(runId, null, CancellationToken.None);
        Assert.Equal([Execution.TaskStatus.Failed, Execution.TaskStatus.Succeeded], attempts.Select(a => a.Status));
        Assert.Equal(Start + TimeSpan.FromHours(2), attempts[1].QueuedAt);
    }

    [Fact]
    public async Task A_delay_task_waits_on_a_durable_timer_without_a_worker()
    {
        // Arrange
        var clock = new FakeTimeProvider(Start);
        await using var engine = await TestEngine.StartAsync(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddCodeHandler("after", (_, _, _) => ValueTask.FromResult<JsonElement?>(null));
        });
        var pipeline = Pipelines.Define("waiting",
            new TaskDefinition { Id = "pause", Kind = "delay", Config = Pipelines.ToJson(new { duration = "30m" }) },
            Pipelines.Code("then", "after", null, "pause"));
        var run = await engine.StartRunAsync(pipeline);
        await Poll.UntilAsync(async () => await TimerCountAsync(engine) == 1, "the delay timer to be stored");

        // Act
        clock.Advance(TimeSpan.FromMinutes(31));
        var status = await engine.WaitAsync(run.RunId);

        // Assert
        Assert.Equal(RunStatus.Succeeded, status);
        Assert.Equal(0, await TimerCountAsync(engine));
    }

    [Fact]
    public async Task Each_instance_of_a_mapped_delay_shows_running_while_it_waits()
    {
        // Arrange: a delay mapped over the three items a code task returns.
        var clock = new FakeTimeProvider(Start);
        await using var engine = await TestEngine.StartAsync(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddCodeHandler("items", (_, _, _) =>
                ValueTask.FromResult<JsonElement?>(JsonSerializer.SerializeToElement(new[] { 1, 2, 3 })));
        });
        var pipeline = Pipelines.Define("mapped-wait",
            Pipelines.Code("list", "items"),
            new TaskDefinition
            {
                Id = "each",
                Kind = "delay",
                Config = Pipelines.ToJson(new { duration = "30m" }),
                DependsOn = ["list"],
                Map = new MapSpec { Over = "list" },
            });
        var run = await engine.StartRunAsync(pipeline);
        await Poll.UntilAsync(async () => await TimerCountAsync(engine) == 3, "the instances' timers to be stored");

        // Act
        var waiting = await engine.Workflow.GetRunAsync(run.RunId, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(31));
        var status = await engine.WaitAsync(run.RunId);

        // Assert
        Assert.Equal([("each[0]", Execution.TaskStatus.Running), ("each[1]", Execution.TaskStatus.Running),
                ("each[2]", Execution.TaskStatus.Running)],
            waiting!.Tasks.Where(t => t.TaskId == "each").Select(t => (t.TaskKey, t.Status)));
        Assert.Equal(RunStatus.Succeeded, status);
    }

    private static async Task<long> TimerCountAsync(TestEngine engine)
    {
        var store = engine.Services.GetRequiredService<Workflow.Engine.Storage.SqliteStore>();
        await using var connection = await store.OpenReadConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM timers;";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
