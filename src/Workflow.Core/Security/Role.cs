using System.Text.Json.Serialization;

namespace Workflow.Security;

/// <summary>
/// What a user may do inside the groups they belong to. Each role includes the ones below it, so a caller with
/// several role claims acts with the highest.
/// </summary>
public enum Role
{
    /// <summary>No role claim: the caller is authenticated but may do nothing.</summary>
    [JsonStringEnumMemberName("none")] None = 0,

    /// <summary>Reads pipelines, runs, logs and alerts of their groups.</summary>
    [JsonStringEnumMemberName("viewer")] Viewer = 1,

    /// <summary>Also triggers, cancels and reruns runs, and acknowledges alerts.</summary>
    [JsonStringEnumMemberName("operator")] Operator = 2,

    /// <summary>Also creates, changes, enables, disables and deletes pipelines.</summary>
    [JsonStringEnumMemberName("editor")] Editor = 3,

    /// <summary>Everything, in every group.</summary>
    [JsonStringEnumMemberName("admin")] Admin = 4,
}
