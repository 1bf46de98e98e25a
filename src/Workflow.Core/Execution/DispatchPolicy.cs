using System.Text.Json.Serialization;

namespace Workflow.Execution;

/// <summary>
/// The order in which ready tasks of equal priority take free slots. Upward rank is the default; the
/// others exist so that the dispatch benchmark can compare them side by side on the same DAGs.
/// </summary>
public enum DispatchPolicy
{
    /// <summary>The longest remaining path to a sink, weighted by expected durations.</summary>
    [JsonStringEnumMemberName("upward-rank")] UpwardRank,

    /// <summary>The number of transitive downstream tasks (Airflow's default <c>weight_rule</c>).</summary>
    [JsonStringEnumMemberName("downstream-count")] DownstreamCount,

    /// <summary>First ready, first dispatched; roots in definition (topological) order.</summary>
    [JsonStringEnumMemberName("fifo")] Fifo,
}
