using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Api.Audit;
using Workflow.Api.OpenApi;
using Workflow.Api.Problems;
using Workflow.Api.Requests;
using Workflow.Json;
using Workflow.Model;
using Workflow.Security;
using Workflow.Services;
using Workflow.Validation;

namespace Workflow.Api.Endpoints;

/// <summary>
/// Changing pipelines: create, replace (If-Match required when it exists), delete, enable and disable. Every
/// accepted change makes a new version and an audit entry; every refused one writes nothing, and so does a PUT equal
/// to the current version, answered 200 with that version and <see cref="UnchangedHeader"/>.
/// </summary>
internal static class PipelineWriteEndpoints
{
    /// <summary>On the answer to a PUT equal to the current version: nothing was stored and nothing audited.</summary>
    public const string UnchangedHeader = "Workflow-Unchanged";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/pipelines", CreateAsync).WithName("CreatePipeline").TakesJson<PipelineDefinition>()
            .Answers<PipelineDefinition>(StatusCodes.Status201Created).Refuses(StatusCodes.Status403Forbidden).CallsEngine()
            .Versioned(StatusCodes.Status201Created).Located()
            .AnswersHeader(StatusCodes.Status201Created, WarningHeaders.Name, WarningHeaders.Description);
        api.MapPut("/pipelines/{id}", PutAsync).WithName("PutPipeline").TakesJson<PipelineDefinition>()
            .Answers<PipelineDefinition>().Answers<PipelineDefinition>(StatusCodes.Status201Created).Guarded().CallsEngine()
            .Refuses(StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired)
            .Versioned(StatusCodes.Status200OK).Versioned(StatusCodes.Status201Created).Located()
            .AnswersHeader(StatusCodes.Status200OK, UnchangedHeader,
                "'true' when the definition equals the current version: no version was stored and nothing audited.")
            .AnswersHeader(StatusCodes.Status200OK, WarningHeaders.Name, WarningHeaders.Description)
            .AnswersHeader(StatusCodes.Status201Created, WarningHeaders.Name, WarningHeaders.Description);
        api.MapDelete("/pipelines/{id}", DeleteAsync).WithName("DeletePipeline")
            .AnswersNoContent().Guarded().CallsEngine().Refuses(StatusCodes.Status412PreconditionFailed);
        api.MapPost("/pipelines/{id}/enable", (string id, HttpContext http, ApiServices s, CancellationToken ct) =>
            SetEnabledAsync(id, true, http, s, ct)).WithName("EnablePipeline")
            .Answers<Contracts.PipelineEnabledState>().Guarded().CallsEngine().Versioned(StatusCodes.Status200OK);
        api.MapPost("/pipelines/{id}/disable", (string id, HttpContext http, ApiServices s, CancellationToken ct) =>
            SetEnabledAsync(id, false, http, s, ct)).WithName("DisablePipeline")
            .Answers<Contracts.PipelineEnabledState>().Guarded().CallsEngine().Versioned(StatusCodes.Status200OK);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ApiServices s, CancellationToken ct)
    {
        var caller = s.CallerOf(http);
        var body = await ReadDefinitionAsync(http, s, null, null, ct);
        if (!body.Ok)
        {
            return body.Problem!;
        }

        var definition = body.Value!;
        if (ApiServices.Check(caller, AccessAction.Create, definition.OwnerGroup, "Pipeline", definition.Id) is { } no)
        {
            return no;
        }

        if (await PipelineIdOwnership.CreateProblemAsync(s.Workflow, definition.Id, definition.OwnerGroup, ct) is
            { } taken)
        {
            return taken;
        }

        // An existing id is refused by the save itself (a 409), in the same write that would store the version.
        return await SaveAsync(http, s, caller, definition, null, AuditActions.PipelineCreated, created: true,
            mustBeNew: true, ct);
    }

    private static async Task<IResult> PutAsync(string id, HttpContext http, ApiServices s, CancellationToken ct)
    {
        var caller = s.CallerOf(http);
        var existing = await s.Workflow.GetPipelineAsync(id, null, ct);
        var replaced = existing is not null &&
                       AccessPolicy.Decide(caller, AccessAction.Update, existing.Definition.OwnerGroup) ==
                       AccessDecision.Allowed
            ? existing.Definition
            : null;
        var body = await ReadDefinitionAsync(http, s, id, replaced, ct);
        if (!body.Ok)
        {
            return body.Problem!;
        }

        var definition = body.Value!;
        if (existing is null)
        {
            if (ApiServices.Check(caller, AccessAction.Create, definition.OwnerGroup, "Pipeline", id) is { } no)
            {
                return no;
            }

            if (await PipelineIdOwnership.CreateProblemAsync(s.Workflow, id, definition.OwnerGroup, ct) is { } taken)
            {
                return taken;
            }

            // Must be new: a create of the same id that lands first is refused here (409), not overwritten and moved
            // to the caller's group without the owner's Update check.
            return await SaveAsync(http, s, caller, definition, null, AuditActions.PipelineCreated, created: true,
                mustBeNew: true, ct);
        }

        var owner = existing.Definition.OwnerGroup;
        if (ApiServices.Check(caller, AccessAction.Update, owner, "Pipeline", id) is { } refused)
        {
            return refused;
        }

        if (AccessPolicy.DecideMove(caller, owner, definition.OwnerGroup) != AccessDecision.Allowed)
        {
            return ApiProblems.Forbidden($"'{caller.User}' may not move pipeline '{id}' from group '{owner}' to " +
                                         $"group '{definition.OwnerGroup}': that needs the editor role in both.");
        }

        if (PreconditionProblem(http, id, existing.Version, required: true) is { } precondition)
        {
            return precondition;
        }

        if (owner != definition.OwnerGroup &&
            await PipelineIdOwnership.MoveProblemAsync(s.Workflow, id, definition.OwnerGroup, ct) is { } kept)
        {
            return kept;
        }

        if (existing.IsDynamic)
        {
            return ApiProblems.Conflict($"Pipeline '{id}' is generated by code (a pipeline source); change that " +
                                        "source instead of the stored definition.");
        }

        return await SaveAsync(http, s, caller, definition, existing.Version, AuditActions.PipelineUpdated,
            created: false, mustBeNew: false, ct);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, ApiServices s, CancellationToken ct)
    {
        var caller = s.CallerOf(http);
        var found = await s.FindPipelineAsync(caller, AccessAction.Delete, id, ct);
        if (!found.Ok)
        {
            return found.Problem!;
        }

        var existing = found.Value!;
        if (PreconditionProblem(http, id, existing.Version, required: false) is { } precondition)
        {
            return precondition;
        }

        var result = await EngineCalls.RunAsync(() => s.PipelineDeletes.DeleteAsync(
            new PipelineDeletion(existing, caller.User, s.Time.GetUtcNow()), ct));
        if (!result.Ok)
        {
            return result.Problem!;
        }

        if (!result.Value)
        {
            return ApiProblems.NotFound("Pipeline", id);
        }

        if (http.RequestServices.GetService<IAlertService>() is { } alerts)
        {
            // No run of a deleted pipeline will come to clear its alerts, so they are cleared now.
            await alerts.ClearPipelineAlertsAsync(existing.Definition, $"pipeline deleted by {caller.User}", ct);
        }

        return TypedResults.NoContent();
    }

    private static async Task<IResult> SetEnabledAsync(string id, bool enabled, HttpContext http, ApiServices s,
        CancellationToken ct)
    {
        var caller = s.CallerOf(http);
        var found = await s.FindPipelineAsync(caller, AccessAction.Enable, id, ct);
        if (!found.Ok)
        {
            return found.Problem!;
        }

        var existing = found.Value!;
        var version = existing.Version;
        if (existing.Definition.Enabled != enabled)
        {
            var saved = await EngineCalls.RunAsync(() => s.PipelineSaves.SaveAsync(new PipelineSave(
                existing.Definition with { Enabled = enabled }, existing.Version, MustBeNew: false, caller.User,
                enabled ? AuditActions.PipelineEnabled : AuditActions.PipelineDisabled, s.Time.GetUtcNow()), ct));
            if (!saved.Ok)
            {
                return saved.Problem!;
            }

            version = saved.Value!.Version;
        }

        http.Response.Headers.ETag = ETags.For(version);
        return TypedResults.Json(new Contracts.PipelineEnabledState(id, enabled, version), Contracts.ApiJson.Options);
    }

    /// <summary>
    /// Reads and checks the body; <paramref name="replaced"/> is the version it replaces, if the caller may.
    /// </summary>
    private static async Task<BodyResult<PipelineDefinition>> ReadDefinitionAsync(HttpContext http, ApiServices s,
        string? routeId, PipelineDefinition? replaced, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(http.Request, WorkflowJsonContext.Default.PipelineDefinition, s.Options,
            allowEmpty: false, ct);
        if (!body.Ok)
        {
            return body;
        }

        var children = await TriggerableChildrenAsync(body.Value!, s.CallerOf(http), s, ct);
        var errors = DefinitionValidation.Validate(body.Value!, routeId, s.Options.TaskKinds,
            s.Options.CodeHandlerExists, children.Contains, replaced);
        return errors.Count == 0 ? body : new(default, ApiProblems.Validation(errors));
    }

    /// <summary>
    /// The pipelines that the definition's sub-pipeline tasks name, that exist now, that the caller may trigger
    /// (every run of the parent starts them, so naming one is triggering it) and that belong to the definition's group,
    /// the rule each run applies again when it starts the child (<see cref="ChildPipelineAccess"/>). Any other is
    /// refused in the words of one that does not exist, which says nothing about another group's pipelines.
    /// </summary>
    private static async Task<HashSet<string>> TriggerableChildrenAsync(PipelineDefinition definition, Caller caller,
        ApiServices s, CancellationToken ct)
    {
        var triggerable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in PipelineReferences.ChildPipelines(definition))
        {
            if (await s.Workflow.GetPipelineAsync(child, null, ct) is { } record &&
                AccessPolicy.Decide(caller, AccessAction.Trigger, record.Definition.OwnerGroup) is
                    AccessDecision.Allowed &&
                ChildPipelineAccess.Allows(definition.OwnerGroup, record.Definition.OwnerGroup))
            {
                triggerable.Add(child);
            }
        }

        return triggerable;
    }

    private static IResult? PreconditionProblem(HttpContext http, string id, int version, bool required)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length == 0)
        {
            return required ? ApiProblems.PreconditionRequired(id) : null;
        }

        return ETags.Matches(ifMatch, version) ? null : ApiProblems.PreconditionFailed(id, ifMatch, ETags.For(version));
    }

    private static async Task<IResult> SaveAsync(HttpContext http, ApiServices s, Caller caller,
        PipelineDefinition definition, int? expectedVersion, string action, bool created, bool mustBeNew,
        CancellationToken ct)
    {
        var save = new PipelineSave(definition, expectedVersion, mustBeNew, caller.User, action, s.Time.GetUtcNow());
        var saved = await EngineCalls.RunAsync(() => s.PipelineSaves.SaveAsync(save, ct));
        if (!saved.Ok)
        {
            return saved.Problem!;
        }

        var record = saved.Value!;
        http.Response.Headers.ETag = ETags.For(record.Version);
        if (save.ChangedNothing(record))
        {
            // 200 with the version the If-Match named, as for any update; the header says no version was made.
            http.Response.Headers[UnchangedHeader] = "true";
        }

        // Said on every save, an unchanged one too: a deploy that reapplies the file hears it each time.
        WarningHeaders.Add(http.Response, DefinitionWarnings.For(definition, save.At));
        var stored = record.Definition with { Version = record.Version };
        if (created)
        {
            http.Response.Headers.Location = $"/api/pipelines/{Uri.EscapeDataString(definition.Id)}";
            http.Response.StatusCode = StatusCodes.Status201Created;
        }

        return TypedResults.Json(stored, WorkflowJsonContext.Default.PipelineDefinition,
            statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }
}
