using System.Text.Json;
using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Durable.Tests;

/// <summary>
/// Pipelines and a task world for the loop tests. A task's <c>config</c> says how its attempts behave:
/// <c>seconds</c> (how long an attempt takes, default 10) and <c>failAttempts</c> (how many first attempts fail
/// with a network error).
/// </summary>
internal static class TestWorlds
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);

    public static TaskDefinition Task(string id, double seconds = 10, int failAttempts = 0, string[]? after = null,
        TimeSpan? timeout = null, int retries = 0) => new()
        {
            Id = id,
            Kind = "code",
            Config = JsonSerializer.SerializeToElement(new { seconds, failAttempts }),
            DependsOn = after ?? [],
            Timeout = timeout,
            Retry = retries > 0
            ? new RetryPolicy { MaxAttempts = retries + 1, InitialDelay = TimeSpan.FromSeconds(30) }
            : null,
        };

    public static PipelineDefinition Pipeline(string id, params TaskDefinition[] tasks) =>
        new() { Id = id, OwnerGroup = "data-eng", Tasks = tasks };

    public static RunStarted Start(PipelineDefinition definition, string? runId = null) =>
        new(T0, runId ?? $"{definition.Id}@20260105T060000Z", definition, null, T0);

    /// <summary>
    /// Runs tasks by their config; notifications publish in a second; child runs succeed after a minute; an SLA
    /// monitor outlives the run.
    /// </summary>
    public static FakeWorld World(List<string>? executed = null) => new()
    {
        Activity = (name, input, at) => name switch
        {
            OrchestrationNames.RunTaskActivity => RunTask(input, executed, at),
            OrchestrationNames.PublishNotificationActivity => new FakeOutcome(TimeSpan.FromSeconds(1), true),
            OrchestrationNames.StartSlaMonitorActivity => new FakeOutcome(TimeSpan.FromSeconds(1), true),
            _ => throw new InvalidOperationException($"Unexpected activity '{name}'."),
        },
        SubOrchestration = (name, input, _) => name.StartsWith(OrchestrationNames.SlaMonitor, StringComparison.Ordinal)
            ? new FakeOutcome(TimeSpan.FromDays(1), true)
            : new FakeOutcome(TimeSpan.FromMinutes(1), new RunOutcome(name, RunStatus.Succeeded,
                new RunSummary(1, 0, 0, 0, 1), JsonSerializer.SerializeToElement(new { rows = 42 }))),
    };

    private static FakeOutcome RunTask(JsonElement input, List<string>? executed, DateTimeOffset at)
    {
        var task = input.GetProperty("Task");
        var key = task.GetProperty("TaskKey").GetString()!;
        var attempt = task.GetProperty("Attempt").GetInt32();
        executed?.Add($"{key}#{attempt}");
        var config = task.GetProperty("Config");
        var seconds = config.GetProperty("seconds").GetDouble();
        if (config.TryGetProperty("polls", out var polls))
        {
            return Poll(input, polls.GetInt32(), key, attempt, seconds, at);
        }

        var result = attempt <= config.GetProperty("failAttempts").GetInt32()
            ? TaskActivityResult.Failure(ErrorKinds.Network, $"{key} attempt {attempt} lost its connection.")
            : TaskActivityResult.Success(JsonSerializer.SerializeToElement(new { key, attempt }));
        return new FakeOutcome(TimeSpan.FromSeconds(seconds), result);
    }

    /// <summary>
    /// An HTTP-like task that suspends <c>polls</c> times, 30 s apart, counting in its resume state, then succeeds
    /// with the count it reached.
    /// </summary>
    public static TaskDefinition Polling(string id, int polls, TimeSpan? timeout = null) => Task(id, 1, timeout: timeout) with
    {
        Config = JsonSerializer.SerializeToElement(new { seconds = 1, failAttempts = 0, polls }),
    };

    private static FakeOutcome Poll(JsonElement input, int polls, string key, int attempt, double seconds,
        DateTimeOffset at)
    {
        var state = input.GetProperty("ResumeState");
        var done = state.ValueKind == JsonValueKind.Object ? state.GetProperty("n").GetInt32() : 0;
        var result = done < polls
            ? TaskActivityResult.Suspended(at + TimeSpan.FromSeconds(seconds + 30),
                JsonSerializer.SerializeToElement(new { n = done + 1 }))
            : TaskActivityResult.Success(JsonSerializer.SerializeToElement(new { key, attempt, polls = done }));
        return new FakeOutcome(TimeSpan.FromSeconds(seconds), result);
    }

    /// <summary>The task keys of the RunTask activities the orchestration scheduled, in order.</summary>
    public static List<string> ScheduledTasks(FakeOrchestrationPort port) =>
        port.Calls.Where(c => c.StartsWith("activity RunTask ", StringComparison.Ordinal))
            .Select(c => JsonDocument.Parse(c["activity RunTask ".Length..]).RootElement.GetProperty("Task"))
            .Select(t => $"{t.GetProperty("TaskKey").GetString()}#{t.GetProperty("Attempt").GetInt32()}")
            .ToList();
}
