using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Workflow.Api.Contracts;
using Workflow.Api.OpenApi;
using Workflow.Api.Problems;
using Workflow.Api.Requests;
using Workflow.Api.Security;
using Workflow.Contracts;
using Workflow.Security;

namespace Workflow.Api.Endpoints;

/// <summary>
/// POST /api/dev/token: a signed token for any user, groups and roles. Mapped only when the environment is
/// Development, so it does not exist at all elsewhere.
/// </summary>
internal static class DevTokenEndpoints
{
    /// <summary>An in-process test server has no remote address: nothing outside the process can reach it.</summary>
    private static bool FromLoopback(IPAddress? remote) => remote is null || IPAddress.IsLoopback(remote);

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/dev/token", IssueAsync).AllowAnonymous().WithName("IssueDevToken")
            .TakesJson<DevTokenRequest>().Answers<DevTokenResponse>().Refuses(StatusCodes.Status403Forbidden);

    private static async Task<IResult> IssueAsync(HttpContext http, ApiServices s, DevTokenIssuer issuer,
        IOptions<WorkflowAuthOptions> auth, CancellationToken ct)
    {
        if (!auth.Value.DevTokensFromAnyAddress && !FromLoopback(http.Connection.RemoteIpAddress))
        {
            return ApiProblems.Forbidden(
                $"The development token issuer answers only on loopback; this request came from " +
                $"{http.Connection.RemoteIpAddress}. Sign in with your identity provider, or set " +
                $"{WorkflowAuthOptions.Section}:DevTokensFromAnyAddress=true on a host that only you can reach.");
        }

        var body = await JsonBody.ReadAsync(http.Request, ApiJson.TypeInfo<DevTokenRequest>(), s.Options,
            allowEmpty: false, ct);
        if (!body.Ok)
        {
            return body.Problem!;
        }

        var request = body.Value!;
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.User))
        {
            errors.Add(new FieldError("$.user", "'user' is required.", "For example {\"user\": \"alice\"}."));
        }

        var roles = request.Roles ?? ["viewer"];
        for (var i = 0; i < roles.Count; i++)
        {
            if (!RoleClaim.TryParse(roles[i], out _))
            {
                errors.Add(new FieldError($"$.roles[{i}]", $"'{roles[i]}' is not a role.",
                    "Roles are viewer, operator, editor and admin, for every group of the user, or " +
                    "GROUP:ROLE (for example data-eng:editor) for one group."));
            }
        }

        var groups = request.Groups ?? [];
        for (var i = 0; i < groups.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(groups[i]))
            {
                errors.Add(new FieldError($"$.groups[{i}]", "A group name is empty.", "Remove it or name the group."));
            }
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "The token request is not valid",
                errors[0].Message, errors);
        }

        var (token, expiresAt) = issuer.Issue(request.User!.Trim(), groups,
            roles.Select(r => r.Trim().ToLowerInvariant()).ToList());
        return TypedResults.Json(new DevTokenResponse(token, expiresAt), ApiJson.Options);
    }
}
