using System.Security.Claims;
using Workflow.Security;

namespace Workflow.Api.Security;

/// <summary>
/// Turns a validated token's claims into the <see cref="Caller"/> the access policy judges. Unknown role names are
/// ignored rather than refused, since an identity provider may issue roles meant for other applications.
/// </summary>
public static class CallerFactory
{
    public static Caller From(ClaimsPrincipal principal, WorkflowAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(options);
        var user = principal.FindFirst("sub")?.Value
            ?? principal.FindFirst("preferred_username")?.Value
            ?? principal.FindFirst("name")?.Value
            ?? principal.Identity?.Name
            ?? "unknown";
        var groups = principal.FindAll(options.GroupsClaim).Select(c => c.Value);
        var roles = principal.FindAll(options.RolesClaim)
            .Select(c => TryParseRole(c.Value, out var role) ? role : Role.None);
        return Caller.Create(user, groups, roles);
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
}
