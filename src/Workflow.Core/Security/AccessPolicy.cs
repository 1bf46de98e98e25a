namespace Workflow.Security;

/// <summary>
/// The access rules, as a pure function so that every combination can be tested without HTTP.
/// <list type="bullet">
/// <item>Admins may do everything, in every group.</item>
/// <item>Anyone else sees only the things of their own groups; the rest is <see cref="AccessDecision.Hidden"/>.</item>
/// <item>Inside their groups, their role in that group decides (<see cref="Caller.RoleIn"/>): viewer reads; operator also triggers, cancels, reruns, acknowledges
/// alerts and enqueues messages to the group's queues (it starts work, like a trigger); editor also creates, changes, enables and deletes pipelines.</item>
/// <item>Creating in, or moving a pipeline to, a group one is not in is <see cref="AccessDecision.Forbidden"/>, not
/// hidden: the caller named that group, so nothing leaks.</item>
/// </list>
/// </summary>
public static class AccessPolicy
{
    /// <summary>The least role that may perform <paramref name="action"/> inside the caller's groups.</summary>
    public static Role RequiredRole(AccessAction action) => action switch
    {
        AccessAction.Read => Role.Viewer,
        AccessAction.Trigger or AccessAction.Cancel or AccessAction.Rerun or AccessAction.AcknowledgeAlert
            or AccessAction.Enqueue or AccessAction.Suspend =>
            Role.Operator,
        AccessAction.Create or AccessAction.Update or AccessAction.Enable or AccessAction.Delete
            or AccessAction.ManageSecrets => Role.Editor,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown access action."),
    };

    /// <summary>Decides <paramref name="action"/> on something owned by <paramref name="ownerGroup"/>.</summary>
    public static AccessDecision Decide(Caller caller, AccessAction action, string ownerGroup)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var required = RequiredRole(action);
        if (caller.IsAdmin)
        {
            return AccessDecision.Allowed;
        }

        if (!caller.IsMemberOf(ownerGroup))
        {
            return action == AccessAction.Create ? AccessDecision.Forbidden : AccessDecision.Hidden;
        }

        return caller.RoleIn(ownerGroup) >= required ? AccessDecision.Allowed : AccessDecision.Forbidden;
    }

    /// <summary>
    /// Decides a change of a pipeline's owner group: the caller must be allowed to update it where it is now, and
    /// to create in the group it moves to.
    /// </summary>
    public static AccessDecision DecideMove(Caller caller, string fromGroup, string toGroup)
    {
        var from = Decide(caller, AccessAction.Update, fromGroup);
        if (from != AccessDecision.Allowed || string.Equals(fromGroup, toGroup, StringComparison.Ordinal))
        {
            return from;
        }

        return Decide(caller, AccessAction.Create, toGroup);
    }

    /// <summary>Whether a list shows things of <paramref name="ownerGroup"/> to <paramref name="caller"/>.</summary>
    public static bool CanSee(Caller caller, string ownerGroup) =>
        Decide(caller, AccessAction.Read, ownerGroup) == AccessDecision.Allowed;
}
