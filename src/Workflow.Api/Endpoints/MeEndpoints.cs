using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Workflow.Api.Contracts;
using Workflow.Api.OpenApi;
using Workflow.Contracts;
using Workflow.Security;

namespace Workflow.Api.Endpoints;

/// <summary>
/// <c>GET /api/me</c>: the caller as the API sees them (user, groups, bare roles, and the role in each group). The dashboard reads it when a platform
/// sign-in, not a token it holds, identifies the user.
/// </summary>
internal static class MeEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/me", (HttpContext http, ApiServices s) =>
            {
                var caller = s.CallerOf(http);
                var roles = caller.Role == Role.None ? Array.Empty<string>() : [RoleClaim.Name(caller.Role)];
                var groupRoles = caller.Groups.Order(StringComparer.Ordinal)
                    .Where(g => caller.RoleIn(g) != Role.None)
                    .ToDictionary(g => g, g => RoleClaim.Name(caller.RoleIn(g)), StringComparer.Ordinal);
                return TypedResults.Json(new MeResponse(caller.User, caller.Groups.Order().ToList(), roles, groupRoles),
                    ApiJson.Options);
            })
            .WithName("Me")
            .Answers<MeResponse>();
}
