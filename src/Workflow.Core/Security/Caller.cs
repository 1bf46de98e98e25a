namespace Workflow.Security;

/// <summary>
/// Who is calling, as the access policy sees them: a user name, the security groups they belong to, their role in
/// all of those groups (<see cref="Role"/>, from a bare role claim such as <c>editor</c>) and their roles in single
/// groups (<see cref="GroupRoles"/>, from claims such as <c>data-eng:editor</c>). A group role makes the caller a
/// member of that group. Group names compare case-sensitively, as identity providers issue them.
/// </summary>
public sealed record Caller(string User, IReadOnlySet<string> Groups, Role Role,
    IReadOnlyDictionary<string, Role> GroupRoles)
{
    /// <summary>Admin is a bare role only: <c>data-eng:admin</c> is everything inside data-eng, not everywhere.</summary>
    public bool IsAdmin => Role == Role.Admin;

    public bool IsMemberOf(string group) => Groups.Contains(group);

    /// <summary>The caller's role inside <paramref name="group"/>: the higher of the bare role and the group's role.</summary>
    public Role RoleIn(string group)
    {
        if (IsAdmin)
        {
            return Role.Admin;
        }

        if (!IsMemberOf(group))
        {
            return Role.None;
        }

        return GroupRoles.TryGetValue(group, out var scoped) && scoped > Role ? scoped : Role;
    }

    /// <summary>The groups whose things a list shows (those the caller may read in), or null for every group (admins).</summary>
    public IReadOnlyCollection<string>? VisibleGroups =>
        IsAdmin ? null : Groups.Where(g => RoleIn(g) >= Role.Viewer).ToList();

    public static Caller Create(string user, IEnumerable<string> groups, IEnumerable<Role> roles,
        IEnumerable<KeyValuePair<string, Role>>? groupRoles = null)
    {
        var scoped = new Dictionary<string, Role>(StringComparer.Ordinal);
        foreach (var (group, role) in groupRoles ?? [])
        {
            scoped[group] = scoped.TryGetValue(group, out var held) && held > role ? held : role;
        }

        var members = groups.Concat(scoped.Keys).ToHashSet(StringComparer.Ordinal);
        return new Caller(user, members, roles.DefaultIfEmpty(Role.None).Max(), scoped);
    }
}
