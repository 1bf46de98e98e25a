using System.Security.Claims;
using Workflow.Security;

namespace Workflow.Api.Security;

/// <summary>
/// Turns a validated token's claims into the <see cref="Caller"/> the access policy judges: bare roles and group
/// roles (<see cref="RoleClaim"/>). Unknown role names are ignored rather than refused, since an identity provider
/// may issue roles meant for other applications.
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
        var claims = principal.FindAll(options.RolesClaim)
            .Select(c => RoleClaim.TryParse(c.Value, out var claim) ? claim : (RoleClaim?)null)
            .OfType<RoleClaim>().ToList();
        return Caller.Create(user, groups,
            claims.Where(c => c.Group is null).Select(c => c.Role),
            claims.Where(c => c.Group is not null).Select(c => KeyValuePair.Create(c.Group!, c.Role)));
    }
}
