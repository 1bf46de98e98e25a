namespace Workflow.Security;

/// <summary>
/// A role claim's text: a bare role (<c>editor</c>), which holds in every group of the caller, or a group role
/// (<c>data-eng:editor</c>), which holds in that group only. The group is everything before the last colon, so a
/// group name may itself contain colons.
/// </summary>
public readonly record struct RoleClaim(string? Group, Role Role)
{
    public static bool TryParse(string? text, out RoleClaim claim)
    {
        claim = default;
        var value = text?.Trim() ?? "";
        var colon = value.LastIndexOf(':');
        var group = colon < 0 ? null : value[..colon].Trim();
        if (!TryParseRole(colon < 0 ? value : value[(colon + 1)..], out var role) || group is { Length: 0 })
        {
            return false;
        }

        claim = new RoleClaim(group, role);
        return true;
    }

    public static bool TryParseRole(string text, out Role role)
    {
        role = text.Trim().ToLowerInvariant() switch
        {
            "viewer" => Role.Viewer,
            "operator" => Role.Operator,
            "editor" => Role.Editor,
            "admin" => Role.Admin,
            _ => Role.None,
        };
        return role != Role.None;
    }

    public override string ToString() =>
        Group is null ? Name(Role) : $"{Group}:{Name(Role)}";

    public static string Name(Role role) => role.ToString().ToLowerInvariant();
}
