using System.Text.Json.Serialization;

namespace Workflow.Execution;

/// <summary>
/// The order in which ready tasks of equal priority take free slots. <see cref="Simulated"/> is the default; the
/// others are its candidates, and exist on their own so that the dispatch benchmark can compare them side by side.
/// </summary>
public enum DispatchPolicy
{
    /// <summary>The longest remaining path to a sink, weighted by expected durations.</summary>
    [JsonStringEnumMemberName("upward-rank")] UpwardRank,

    /// <summary>The number of transitive downstream tasks (Airflow's default <c>weight_rule</c>).</summary>
    [JsonStringEnumMemberName("downstream-count")] DownstreamCount,

    /// <summary>First ready, first dispatched; roots in definition (topological) order.</summary>
    [JsonStringEnumMemberName("fifo")] Fifo,

    /// <summary>
    /// Plays the other orders and improvements of them on the run's DAG before it starts, with the expected
    /// durations and the run's parallelism, and uses the one that finishes first (see DispatchPlanner); a task's
    /// key is then the time from its planned start to the planned end, or its upward rank.
    /// </summary>
    [JsonStringEnumMemberName("simulated")] Simulated,
}
