namespace Workflow.Security;

/// <summary>
/// Which pipeline a sub-pipeline task may start as its child, decided when the child starts, in both hosts. The rule
/// is that a child belongs to its parent pipeline's own group. The save check (<see cref="AccessPolicy.Decide"/> with
/// <see cref="AccessAction.Trigger"/> on the child's group) judges the author, whom a run no longer knows, whose
/// roles can change, and whose parent's child can move to another group afterwards; the parent's group is the one
/// fact every run has, and a child of that group is one every editor of the parent may trigger. A child that moved
/// away, or that a parent saved before the save check names, is refused instead of running as another group with
/// its secrets.
/// </summary>
public static class ChildPipelineAccess
{
    /// <summary>
    /// Whether a parent pipeline of <paramref name="parentGroup"/> may start a child of <paramref name="childGroup"/>.
    /// </summary>
    public static bool Allows(string parentGroup, string childGroup) =>
        string.Equals(parentGroup, childGroup, StringComparison.Ordinal);

    /// <summary>
    /// Why a child is not started, the same whether it is missing or of another group: the run's readers are the
    /// parent's group, who must learn nothing about another group's pipelines.
    /// </summary>
    public static string Refusal(string childPipelineId, string parentGroup) =>
        $"There is no pipeline '{childPipelineId}' in group '{parentGroup}' to run as a child: a sub-pipeline task " +
        "starts only a pipeline of its own pipeline's group. Move the child into this group, or remove the task.";
}
