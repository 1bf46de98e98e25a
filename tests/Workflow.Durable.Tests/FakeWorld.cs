using System.Text.Json;

namespace Workflow.Durable.Tests;

/// <summary>
/// What the outside world does when the fake port schedules work: how long an activity or child run takes and
/// what it returns, and which external events arrive when. Consulted only for work that is not in a replayed history.
/// </summary>
internal sealed class FakeWorld
{
    public Func<string, JsonElement, DateTimeOffset, FakeOutcome> Activity { get; init; } =
        (name, _, _) => throw new InvalidOperationException($"The test world has no activity '{name}'.");

    public Func<string, JsonElement, DateTimeOffset, FakeOutcome> SubOrchestration { get; init; } =
        (id, _, _) => throw new InvalidOperationException($"The test world has no sub-orchestration '{id}'.");

    /// <summary>Raised events in arrival order; a consumed one is removed, so the next generation keeps the rest.</summary>
    public List<FakeRaisedEvent> Events { get; } = [];
}

/// <summary>An activity or child run finishing after <see cref="Duration"/> with a result, or with an error.</summary>
internal sealed record FakeOutcome(TimeSpan Duration, object? Result, string? Error = null);

internal sealed record FakeRaisedEvent(DateTimeOffset At, string Name, object Payload);

/// <summary>One completion the fake delivered, in order: what a Durable history holds for replay.</summary>
internal sealed record FakeHistoryEntry(int Sequence, string Kind, string Name, DateTimeOffset At, string? ResultJson,
    string? Error, bool Cancelled = false);
