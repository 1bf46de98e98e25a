using System.Text.Json;
using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Simulation;

/// <summary>
/// The world a simulated run lives in: workers per pool, how long tasks really take, how often they
/// fail, and what the decider is told. Everything random is derived from <see cref="Seed"/>, per
/// (task, attempt), so two policies simulated with the same options see the same task durations.
/// </summary>
public sealed record SimulationOptions
{
    public int Seed { get; init; } = 1;

    /// <summary>Workers per pool; pools not listed get <see cref="DefaultWorkers"/>.</summary>
    public IReadOnlyDictionary<string, int> Workers { get; init; } = new Dictionary<string, int>();

    public int DefaultWorkers { get; init; } = 4;

    /// <summary>The mean true duration of each task id; missing ids use the task's expected duration, then 1s.</summary>
    public IReadOnlyDictionary<string, TimeSpan>? Durations { get; init; }

    public DurationModel DurationModel { get; init; } = DurationModel.Exact;

    /// <summary>The spread of the duration model: ± fraction for uniform, sigma for log-normal.</summary>
    public double Spread { get; init; } = 0.25;

    /// <summary>The chance that an attempt fails with <see cref="FailureKind"/>.</summary>
    public double FailureRate { get; init; }

    public string FailureKind { get; init; } = ErrorKinds.Network;

    /// <summary>The chance that a task outcome is delivered twice, to exercise duplicate handling.</summary>
    public double DuplicateRate { get; init; }

    /// <summary>When set, a run cancellation is requested at this virtual time after the start.</summary>
    public TimeSpan? CancelAfter { get; init; }

    public DispatchPolicy Dispatch { get; init; } = DispatchPolicy.Simulated;

    /// <summary>The expected durations given to the decider on RunStarted (the weights of its dispatch keys).</summary>
    public IReadOnlyDictionary<string, TimeSpan>? ExpectedDurations { get; init; }

    /// <summary>The output of a successful attempt, for example an array for a mapped child; null by default.</summary>
    public Func<RunTask, JsonElement?>? Outputs { get; init; }

    /// <summary>A guard against a decider that never completes: the simulation stops after this many events.</summary>
    public int MaxEvents { get; init; } = 10_000_000;
}

/// <summary>How a task's true duration varies around its mean.</summary>
public enum DurationModel
{
    Exact,
    Uniform,
    Exponential,
    LogNormal,
}
