using System.Text.Json;

namespace Workflow.Cli.Api;

/// <summary>A group's secrets: set, list (names and metadata only) and delete.</summary>
public sealed partial class WorkflowApiClient
{
    public Task<List<SecretSummary>> ListSecretsAsync(string group, CancellationToken ct) =>
        SendForAsync(HttpMethod.Get, $"api/groups/{Segment(group)}/secrets", null, Json.ListSecretSummary, ct);

    public async Task<SecretSummary> SetSecretAsync(string group, string name, string value, CancellationToken ct)
    {
        using var content = JsonContent(JsonSerializer.Serialize(new SetSecretBody(value), Json.SetSecretBody));
        return await SendForAsync(HttpMethod.Put, $"api/groups/{Segment(group)}/secrets/{Segment(name)}", content,
            Json.SecretSummary, ct);
    }

    public async Task DeleteSecretAsync(string group, string name, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Delete,
            $"api/groups/{Segment(group)}/secrets/{Segment(name)}", null, null, ct);
    }
}
