using System.Text.Json;

namespace Workflow.Durable.Tests;

/// <summary>
/// An in-memory orchestration port with a virtual clock. Live, it completes work in the order the world says
/// (earliest due first); given a recorded history it replays it first, failing like Durable does when the
/// code schedules something other than what the history recorded. Every input and result crosses a JSON
/// boundary with the task hub's default serializer settings, as in the real host.
/// </summary>
internal sealed class FakeOrchestrationPort(
    string instanceId, DateTimeOffset start, FakeWorld world, IReadOnlyList<FakeHistoryEntry>? replay = null)
    : IOrchestrationPort
{
    private static readonly JsonSerializerOptions HubJson = new() { IncludeFields = true };
    private readonly List<FakeOperation> operations = [];
    private int replayed;

    public string InstanceId => instanceId;
    public DateTimeOffset CurrentUtcDateTime { get; private set; } = start;
    public bool IsReplaying => replay is not null && replayed < replay.Count;

    /// <summary>Every call the orchestration made, with its input as JSON, in order.</summary>
    public List<string> Calls { get; } = [];

    public List<FakeHistoryEntry> History { get; } = [];
    public List<string> CustomStatuses { get; } = [];
    public string? ContinuedWith { get; private set; }

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input) =>
        Schedule<TResult>("activity", name, input, null);

    public Task<TResult> CallSubOrchestratorAsync<TResult>(string name, string instanceId, object? input) =>
        Schedule<TResult>("sub-orchestration", $"{name}:{instanceId}", input, null);

    public Task CreateTimer(DateTimeOffset fireAt, CancellationToken cancellationToken)
    {
        var task = Schedule<bool>("timer", fireAt.ToString("O"), null, fireAt);
        var operation = operations[^1];
        cancellationToken.Register(() => Cancel(operation));
        return task;
    }

    public Task<TEvent> WaitForExternalEvent<TEvent>(string eventName, CancellationToken cancellationToken)
    {
        var task = Schedule<TEvent>("event", eventName, null, null);
        var operation = operations[^1];
        cancellationToken.Register(() => Cancel(operation));
        return task;
    }

    public void SendEvent(string instanceId, string eventName, object payload) =>
        Calls.Add($"send-event {instanceId} {eventName} {Json(payload)}");

    public void SetCustomStatus(object? status) => CustomStatuses.Add(Json(status));

    public void ContinueAsNew(object newInput)
    {
        // Durable continues as new only once no task the orchestration scheduled is outstanding. An activity ends on
        // its own; a sub-orchestration that is still running (one that lives as long as this run) would never let it.
        if (operations.FirstOrDefault(o => o.Kind == "sub-orchestration" && !o.Task.IsCompleted) is { } pending)
        {
            throw new InvalidOperationException(
                $"Continue-as-new with sub-orchestration {pending.Name} still running: Durable would wait for it.");
        }

        ContinuedWith = Json(newInput);
        Calls.Add("continue-as-new");
    }

    /// <summary>Reads what the orchestration continued with, the way the next generation would receive it.</summary>
    public T ReadContinuedWith<T>() =>
        JsonSerializer.Deserialize<T>(ContinuedWith ?? throw new InvalidOperationException("No continue-as-new."), HubJson)!;

    /// <summary>
    /// Completes scheduled work one item at a time (replayed first, then live) until one of
    /// <paramref name="tasks"/> is done. Work the caller no longer waits on still completes, as in Durable.
    /// </summary>
    public Task<Task> WhenAny(IReadOnlyList<Task> tasks)
    {
        while (true)
        {
            if (tasks.FirstOrDefault(t => t.IsCompleted) is { } done)
            {
                return Task.FromResult(done);
            }

            if (IsReplaying)
            {
                ReplayNext();
            }
            else
            {
                CompleteNextLive();
            }
        }
    }

    private Task<TResult> Schedule<TResult>(string kind, string name, object? input, DateTimeOffset? dueAt)
    {
        var completion = new TaskCompletionSource<TResult>();
        var inputJson = input is null ? null : Json(input);
        var operation = new FakeOperation(operations.Count, kind, name, inputJson, CurrentUtcDateTime, completion.Task)
        {
            DueAt = dueAt,
            Complete = json => completion.TrySetResult(json is null ? default! : JsonSerializer.Deserialize<TResult>(json, HubJson)!),
            Fail = error => completion.TrySetException(new InvalidOperationException(error)),
            Cancelled = () => completion.TrySetCanceled(),
        };
        operations.Add(operation);
        Calls.Add(inputJson is null ? $"{kind} {name}" : $"{kind} {name} {inputJson}");
        return completion.Task;
    }

    private void Cancel(FakeOperation operation)
    {
        if (!operation.Task.IsCompleted)
        {
            operation.Cancelled();
            Calls.Add($"cancel {operation.Kind} {operation.Name}");
        }
    }

    private void ReplayNext()
    {
        var entry = replay![replayed++];
        var operation = entry.Sequence < operations.Count ? operations[entry.Sequence] : null;
        if (operation is null || operation.Kind != entry.Kind || operation.Name != entry.Name)
        {
            throw new InvalidOperationException(
                $"Non-deterministic replay: history completes #{entry.Sequence} {entry.Kind} {entry.Name}, " +
                $"but the orchestration scheduled {(operation is null ? "nothing" : $"{operation.Kind} {operation.Name}")} there.");
        }

        CurrentUtcDateTime = entry.At;
        Deliver(operation, entry);
    }

    private void CompleteNextLive()
    {
        FakeOperation? next = null;
        foreach (var operation in operations.Where(o => !o.Task.IsCompleted))
        {
            operation.DueAt ??= Plan(operation);
            if (operation.DueAt is { } due && (next is null || due < next.DueAt))
            {
                next = operation;
            }
        }

        if (next is null)
        {
            throw new InvalidOperationException("The orchestration waits for something that will never happen.");
        }

        CurrentUtcDateTime = next.DueAt!.Value > CurrentUtcDateTime ? next.DueAt.Value : CurrentUtcDateTime;
        FakeHistoryEntry entry;
        if (next.Kind == "event")
        {
            var raised = world.Events.First(e => string.Equals(e.Name, next.Name, StringComparison.OrdinalIgnoreCase));
            world.Events.Remove(raised);
            entry = new FakeHistoryEntry(next.Sequence, next.Kind, next.Name, CurrentUtcDateTime, Json(raised.Payload), null);
        }
        else
        {
            entry = new FakeHistoryEntry(next.Sequence, next.Kind, next.Name, CurrentUtcDateTime, next.ResultJson, next.Error);
        }

        Deliver(next, entry);
    }

    /// <summary>When an operation will complete, asking the world once, at the moment it is first needed.</summary>
    private DateTimeOffset? Plan(FakeOperation operation)
    {
        switch (operation.Kind)
        {
            case "event":
                var raised = world.Events.FirstOrDefault(e =>
                    string.Equals(e.Name, operation.Name, StringComparison.OrdinalIgnoreCase));
                return raised is null ? null : raised.At > CurrentUtcDateTime ? raised.At : CurrentUtcDateTime;
            case "activity" or "sub-orchestration":
                var input = JsonDocument.Parse(operation.InputJson ?? "null").RootElement;
                var outcome = operation.Kind == "activity"
                    ? world.Activity(operation.Name, input, operation.ScheduledAt)
                    : world.SubOrchestration(operation.Name, input, operation.ScheduledAt);
                operation.ResultJson = outcome.Result is null ? null : Json(outcome.Result);
                operation.Error = outcome.Error;
                return operation.ScheduledAt + outcome.Duration;
            default:
                return null;
        }
    }

    private void Deliver(FakeOperation operation, FakeHistoryEntry entry)
    {
        History.Add(entry);
        if (entry.Error is not null)
        {
            operation.Fail(entry.Error);
        }
        else
        {
            operation.Complete(entry.ResultJson);
        }
    }

    private static string Json(object? value) => JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object), HubJson);

    private sealed class FakeOperation(int sequence, string kind, string name, string? inputJson, DateTimeOffset scheduledAt, Task task)
    {
        public int Sequence => sequence;
        public string Kind => kind;
        public string Name => name;
        public string? InputJson => inputJson;
        public DateTimeOffset ScheduledAt => scheduledAt;
        public Task Task => task;
        public DateTimeOffset? DueAt { get; set; }
        public string? ResultJson { get; set; }
        public string? Error { get; set; }
        public required Action<string?> Complete { get; init; }
        public required Action<string> Fail { get; init; }
        public required Action Cancelled { get; init; }
    }
}
