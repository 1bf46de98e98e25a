namespace Workflow.Security;

/// <summary>
/// Who is calling, as the access policy sees them: a user name, the security groups they belong to, and their
/// highest role. Group names compare case-sensitively, as identity providers issue them.
/// </summary>
public sealed record Caller(string User, IReadOnlySet<string> Groups, Role Role)
{
    public bool IsAdmin => Role == Role.Admin;

    public bool IsMemberOf(string group) => Groups.Contains(group);

    /// <summary>The groups whose things a list shows, or null for every group (admins).</summary>
    public IReadOnlyCollection<string>? VisibleGroups => IsAdmin ? null : Groups;

    public static Caller Create(string user, IEnumerable<string> groups, IEnumerable<Role> roles) =>
        new(user, groups.ToHashSet(StringComparer.Ordinal), roles.DefaultIfEmpty(Role.None).Max());
}
