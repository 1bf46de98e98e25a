using System.Text.Json;
using Workflow.Execution;
using Workflow.Model;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Core.Tests.Execution;

/// <summary>Feeds events to the decider one at a time and keeps every command, for example tests.</summary>
internal sealed class DeciderHarness
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);

    public RunState State { get; private set; } = RunDecider.Initial;
    public List<RunCommand> All { get; } = [];
    public DateTimeOffset Now { get; set; } = T0;

    public IReadOnlyList<RunCommand> Start(PipelineDefinition definition,
        IReadOnlyDictionary<string, JsonElement?>? prior = null, DispatchPolicy dispatch = DispatchPolicy.UpwardRank,
        IReadOnlyDictionary<string, TimeSpan>? expected = null) =>
        Apply(new RunStarted(Now, "run-1", definition, null, T0, prior, expected, dispatch));

    public IReadOnlyList<RunCommand> Apply(RunEvent @event)
    {
        var decision = RunDecider.Decide(State, @event);
        State = decision.State;
        All.AddRange(decision.Commands);
        return decision.Commands;
    }

    public IReadOnlyList<RunCommand> Succeed(string key, int attempt = 1, string? outputJson = null) =>
        Apply(new TaskSucceeded(Now, key, attempt, outputJson is null ? null : Json(outputJson)));

    public IReadOnlyList<RunCommand> Fail(string key, int attempt = 1, string kind = ErrorKinds.Handler) =>
        Apply(new TaskFailed(Now, key, attempt, kind, "boom"));

    public IReadOnlyList<RunCommand> Fire(string timerId) => Apply(new TimerFired(Now, timerId));

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public TaskStatus StatusOf(string id) => State.Tasks.Single(t => t.Id == id).Status;
}

/// <summary>Short ways to write definitions and read commands in tests.</summary>
internal static class Defs
{
    public static TaskDefinition Task(string id, params string[] after) =>
        new() { Id = id, Kind = "process", DependsOn = after };

    public static PipelineDefinition Pipeline(params TaskDefinition[] tasks) =>
        new() { Id = "p", OwnerGroup = "g", Tasks = tasks };

    public static PipelineDefinition Pipeline(int maxParallel, params TaskDefinition[] tasks) =>
        Pipeline(tasks) with { Concurrency = new ConcurrencyPolicy { MaxParallelTasks = maxParallel } };

    public static IEnumerable<RunTask> Runs(this IEnumerable<RunCommand> commands) => commands.OfType<RunTask>();

    public static string[] RunKeys(this IEnumerable<RunCommand> commands) =>
        [.. commands.OfType<RunTask>().Select(r => r.TaskKey)];

    public static T Single<T>(this IEnumerable<RunCommand> commands) where T : RunCommand =>
        Assert.Single(commands.OfType<T>());
}
