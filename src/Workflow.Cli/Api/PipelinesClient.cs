using System.Globalization;
using System.Net;
using System.Text.Json;
using static Workflow.Cli.Api.ApiConnection;

namespace Workflow.Cli.Api;

/// <summary>
/// <c>/api/pipelines</c>: list, read, create, update and delete definitions, and what wf reads of them.
/// </summary>
public sealed class PipelinesClient(ApiConnection api)
{
    public Task<List<PipelineSummary>> ListAsync(CancellationToken ct) =>
        api.SendForAsync(HttpMethod.Get, "api/pipelines", null, Json.ListPipelineSummary, ct);

    /// <summary>
    /// The current definition and its ETag, or null when the pipeline does not exist (or is not visible).
    /// </summary>
    public async Task<StoredPipeline?> FindAsync(string pipelineId, CancellationToken ct)
    {
        using var response = await api.SendAsync(HttpMethod.Get, $"api/pipelines/{Segment(pipelineId)}", null, ct,
            allowNotFound: true);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync(ct);
        using var document = JsonDocument.Parse(body);
        return new StoredPipeline(document.RootElement.Clone(), response.Headers.ETag?.ToString());
    }

    /// <summary>
    /// The parameters a trigger may send and the tasks with their dependencies, as the server reads the definition
    /// (its <paramref name="version"/>, else the current one); null when the pipeline or that version does not exist
    /// or is not visible (or the server is older than the outline).
    /// </summary>
    public async Task<PipelineOutline?> FindOutlineAsync(string pipelineId, int? version, CancellationToken ct)
    {
        var path = WithQuery($"api/pipelines/{Segment(pipelineId)}/outline",
            ("version", version?.ToString(CultureInfo.InvariantCulture)));
        using var response = await api.SendAsync(HttpMethod.Get, path, null, ct, allowNotFound: true);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : await ReadAsync(response, Json.PipelineOutline, HttpMethod.Get, path, ct);
    }

    public async Task<ApplyResult> CreateAsync(string definitionJson, CancellationToken ct)
    {
        using var content = JsonContent(definitionJson);
        using var response = await api.SendAsync(HttpMethod.Post, "api/pipelines", content, ct);
        return new ApplyResult(true, response.Headers.ETag?.ToString(), response.Headers.Location,
            ApplyResult.WarningsOf(response));
    }

    public async Task<ApplyResult> UpdateAsync(string pipelineId, string definitionJson, string? etag,
        CancellationToken ct)
    {
        using var content = JsonContent(definitionJson);
        using var response = await api.SendAsync(HttpMethod.Put, $"api/pipelines/{Segment(pipelineId)}", content, ct,
            ifMatch: etag);
        return new ApplyResult(false, response.Headers.ETag?.ToString(), response.Headers.Location,
            ApplyResult.WarningsOf(response));
    }

    public async Task DeleteAsync(string pipelineId, CancellationToken ct)
    {
        using var response = await api.SendAsync(HttpMethod.Delete, $"api/pipelines/{Segment(pipelineId)}", null, ct);
    }
}
