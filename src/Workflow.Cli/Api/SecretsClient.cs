using static Workflow.Cli.Api.ApiConnection;

namespace Workflow.Cli.Api;

/// <summary>A group's secrets: set, list (names and metadata only) and delete.</summary>
public sealed class SecretsClient(ApiConnection api)
{
    public Task<List<SecretSummary>> ListAsync(string group, CancellationToken ct) =>
        api.SendForAsync(HttpMethod.Get, $"api/groups/{Segment(group)}/secrets", null, Json.ListSecretSummary, ct);

    public async Task<SecretSummary> SetAsync(string group, string name, string value, CancellationToken ct)
    {
        using var content = JsonContent(new SetSecretRequest(value), Json.SetSecretRequest);
        return await api.SendForAsync(HttpMethod.Put, $"api/groups/{Segment(group)}/secrets/{Segment(name)}", content,
            Json.SecretSummary, ct);
    }

    public async Task DeleteAsync(string group, string name, CancellationToken ct)
    {
        using var response = await api.SendAsync(HttpMethod.Delete,
            $"api/groups/{Segment(group)}/secrets/{Segment(name)}", null, ct);
    }
}
