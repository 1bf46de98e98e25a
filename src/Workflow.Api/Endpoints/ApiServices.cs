using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Api.Audit;
using Workflow.Api.Problems;
using Workflow.Api.Requests;
using Workflow.Api.Security;
using Workflow.Security;
using Workflow.Services;

namespace Workflow.Api.Endpoints;

/// <summary>What every handler needs, in one injectable bundle, plus the access check they all share.</summary>
public sealed class ApiServices(
    IWorkflowService workflow,
    IAuditLog audit,
    IAuditedPipelineSaves pipelineSaves,
    IAuditedPipelineDeletes pipelineDeletes,
    IOptions<WorkflowApiOptions> apiOptions,
    IOptions<WorkflowAuthOptions> authOptions,
    TimeProvider time,
    ILogger<ApiServices> logger)
{
    public IWorkflowService Workflow => workflow;
    public IAuditLog Audit => audit;
    public IAuditedPipelineSaves PipelineSaves => pipelineSaves;
    public IAuditedPipelineDeletes PipelineDeletes => pipelineDeletes;
    public WorkflowApiOptions Options => apiOptions.Value;
    public TimeProvider Time => time;
    public ILogger Logger => logger;

    public Caller CallerOf(HttpContext context) => CallerFactory.From(context.User, authOptions.Value);

    /// <summary>
    /// Applies <see cref="AccessPolicy"/> and returns the answer for a refusal, or null when allowed. A hidden thing
    /// answers exactly like a missing one.
    /// </summary>
    public static IResult? Check(Caller caller, AccessAction action, string ownerGroup, string what, string id) =>
        AccessPolicy.Decide(caller, action, ownerGroup) switch
        {
            AccessDecision.Allowed => null,
            AccessDecision.Hidden => ApiProblems.NotFound(what, id),
            _ => ApiProblems.Forbidden(
                $"'{caller.User}' (role {RoleClaim.Name(caller.RoleIn(ownerGroup))} in '{ownerGroup}') may not " +
                $"{Describe(action)} in group '{ownerGroup}'; that needs the " +
                $"{AccessPolicy.RequiredRole(action).ToString().ToLowerInvariant()} role in that group."),
        };

    /// <summary>
    /// The run, when it exists and the caller may do <paramref name="action"/> to it; otherwise the answer to give
    /// (a hidden run answers exactly like a missing one).
    /// </summary>
    public async Task<BodyResult<RunDetail>> FindRunAsync(Caller caller, AccessAction action, string runId,
        CancellationToken cancellationToken)
    {
        var detail = await workflow.GetRunAsync(runId, cancellationToken);
        return detail is null
            ? new(null, ApiProblems.NotFound("Run", runId))
            : new(detail, Check(caller, action, detail.Run.OwnerGroup, "Run", runId));
    }

    /// <summary>The current version of a pipeline, when it exists and the caller may do <paramref name="action"/> to it.</summary>
    public async Task<BodyResult<PipelineRecord>> FindPipelineAsync(Caller caller, AccessAction action, string id,
        CancellationToken cancellationToken)
    {
        var record = await workflow.GetPipelineAsync(id, null, cancellationToken);
        return record is null
            ? new(null, ApiProblems.NotFound("Pipeline", id))
            : new(record, Check(caller, action, record.Definition.OwnerGroup, "Pipeline", id));
    }

    public ValueTask AuditAsync(Caller caller, string action, string target, string ownerGroup, string? detail,
        CancellationToken cancellationToken) =>
        audit.AppendAsync(new AuditEntry(time.GetUtcNow(), caller.User, action, target, detail, ownerGroup),
            cancellationToken);

    private static string Describe(AccessAction action) => action switch
    {
        AccessAction.Read => "read",
        AccessAction.Trigger => "trigger runs",
        AccessAction.Cancel => "cancel runs",
        AccessAction.Suspend => "suspend or resume runs",
        AccessAction.Rerun => "rerun runs",
        AccessAction.AcknowledgeAlert => "acknowledge alerts",
        AccessAction.Enqueue => "enqueue messages",
        AccessAction.Create => "create pipelines",
        AccessAction.Update => "change pipelines",
        AccessAction.Enable => "enable or disable pipelines",
        AccessAction.Delete => "delete pipelines",
        AccessAction.ManageSecrets => "set or delete secrets",
        _ => action.ToString(),
    };
}
