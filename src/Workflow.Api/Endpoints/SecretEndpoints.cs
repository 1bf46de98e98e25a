using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Api.Contracts;
using Workflow.Api.OpenApi;
using Workflow.Api.Problems;
using Workflow.Api.Requests;
using Workflow.Contracts;
using Workflow.Secrets;
using Workflow.Security;
using Workflow.Services;

namespace Workflow.Api.Endpoints;

/// <summary>
/// A group's secrets: <c>GET /api/groups/{group}/secrets</c> lists names and metadata (viewer),
/// <c>PUT /api/groups/{group}/secrets/{name}</c> with <c>{"value": "…"}</c> sets or replaces one and
/// <c>DELETE</c> removes it (editor, audited). No endpoint ever answers a value. To anyone outside the group its
/// secrets do not exist (404), as for every other resource.
/// </summary>
public static class SecretEndpoints
{
    public const string SetAction = "secret.set";
    public const string DeleteAction = "secret.delete";

    /// <summary>Maps the secret endpoints; the host calls it when it registers an <see cref="ISecretStore"/>.</summary>
    public static IEndpointRouteBuilder MapWorkflowSecrets(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapWorkflowApiGroup();
        api.MapGet("/groups/{group}/secrets", ListAsync).WithName("ListSecrets")
            .Answers<IReadOnlyList<SecretSummary>>().Guarded();
        api.MapPut("/groups/{group}/secrets/{name}", SetAsync).WithName("SetSecret").TakesJson<SetSecretRequest>()
            .Answers<SecretSummary>(StatusCodes.Status201Created).Answers<SecretSummary>().Guarded();
        api.MapDelete("/groups/{group}/secrets/{name}", DeleteAsync).WithName("DeleteSecret")
            .AnswersNoContent().Refuses(StatusCodes.Status400BadRequest).Guarded();
        return endpoints;
    }

    private static async Task<IResult> ListAsync(string group, HttpContext http, ApiServices s, CancellationToken ct)
    {
        var caller = s.CallerOf(http);
        if (AccessPolicy.Decide(caller, AccessAction.Read, group) == AccessDecision.Hidden)
        {
            // The same words for a group that exists and one that does not; the shared "or it belongs to a group you
            // are not in" would say that a group belongs to a group.
            return ApiProblems.Problem(StatusCodes.Status404NotFound, "Group not found",
                $"You are not in a group '{group}', so it has no secrets for you.");
        }

        if (ApiServices.Check(caller, AccessAction.Read, group, "Group", group) is { } refused)
        {
            return refused;
        }

        var secrets = await Store(http).ListAsync(group, ct);
        return TypedResults.Json(secrets.Select(i => i.ToContract(group)).ToList(), ApiJson.Options);
    }

    private static async Task<IResult> SetAsync(string group, string name, HttpContext http, ApiServices s,
        CancellationToken ct)
    {
        var caller = s.CallerOf(http);
        if (Refusal(caller, group, name) is { } refused)
        {
            return refused;
        }

        var body = await JsonBody.ReadAsync(http.Request, ApiJson.TypeInfo<SetSecretRequest>(), s.Options,
            allowEmpty: false, ct);
        if (!body.Ok)
        {
            return body.Problem!;
        }

        if (SecretRules.CheckValue(body.Value!.Value) is { } invalid)
        {
            return ApiProblems.BadRequest(invalid, "value", invalid,
                "Send {\"value\": \"…\"}; 'wf secrets set' reads it from stdin or --from-file.");
        }

        var info = await Store(http).SetAsync(group, name, body.Value.Value!, caller.User, ct);
        await s.AuditAsync(caller, SetAction, $"{group}/{name}", group, $"version {info.Version}", ct);
        return TypedResults.Json(info.ToContract(group), ApiJson.Options,
            statusCode: info.Version == 1 ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> DeleteAsync(string group, string name, HttpContext http, ApiServices s,
        CancellationToken ct)
    {
        var caller = s.CallerOf(http);
        if (Refusal(caller, group, name) is { } refused)
        {
            return refused;
        }

        if (!await Store(http).DeleteAsync(group, name, ct))
        {
            return ApiProblems.NotFound("Secret", $"{group}/{name}");
        }

        await s.AuditAsync(caller, DeleteAction, $"{group}/{name}", group, null, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Hidden groups answer 404 before the name is judged, so an outsider learns nothing.</summary>
    private static IResult? Refusal(Caller caller, string group, string name) =>
        ApiServices.Check(caller, AccessAction.ManageSecrets, group, "Secret", $"{group}/{name}")
        ?? (SecretRules.CheckName(name) is { } invalid ? ApiProblems.BadRequest(invalid, "name", invalid) : null);

    private static ISecretStore Store(HttpContext http) => http.RequestServices.GetRequiredService<ISecretStore>();
}
