namespace Workflow.Contracts;

/// <summary>
/// Who the API takes the caller to be: what <c>GET /api/me</c> answers. wf reads it to check a token before it saves
/// it (<c>wf login --token</c>).
/// </summary>
public sealed record MeResponse(string User, IReadOnlyList<string> Groups, IReadOnlyList<string> Roles,
    IReadOnlyDictionary<string, string> GroupRoles);
