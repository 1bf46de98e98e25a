using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Workflow.Cli.Api;

/// <summary>
/// The CLI's only way to the service: typed calls over the HTTP API. Every failure leaves here as an
/// <see cref="ApiException"/> (the server said no) or a <see cref="ServerUnreachableException"/> (no answer).
/// </summary>
public sealed partial class WorkflowApiClient : IDisposable
{
    private static readonly CliJsonContext Json = CliJsonContext.Default;
    private readonly HttpClient _http;

    public WorkflowApiClient(Uri server, string? token, HttpMessageHandler? handler = null)
    {
        Server = server;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = server;
        _http.Timeout = TimeSpan.FromSeconds(100);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("wf", "1.0"));
        if (!string.IsNullOrWhiteSpace(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        }
    }

    public Uri Server { get; }

    public async Task<DevTokenResponse> CreateDevTokenAsync(DevTokenRequest request, CancellationToken ct)
    {
        using var content = JsonContent(JsonSerializer.Serialize(request, Json.DevTokenRequest));
        return await SendForAsync(HttpMethod.Post, "api/dev/token", content, Json.DevTokenResponse, ct);
    }

    public Task<List<PipelineSummary>> ListPipelinesAsync(CancellationToken ct) =>
        SendForAsync(HttpMethod.Get, "api/pipelines", null, Json.ListPipelineSummary, ct);

    /// <summary>The current definition and its ETag, or null when the pipeline does not exist (or is not visible).</summary>
    public async Task<StoredPipeline?> FindPipelineAsync(string pipelineId, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/pipelines/{Segment(pipelineId)}", null, null, ct,
            allowNotFound: true);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync(ct);
        using var document = JsonDocument.Parse(body);
        return new StoredPipeline(document.RootElement.Clone(), response.Headers.ETag?.ToString());
    }

    /// <summary>What each task of the pipeline usually takes, from the server's history (empty when none is known).</summary>
    public Task<ExpectedDurations> ExpectedDurationsAsync(string pipelineId, CancellationToken ct) =>
        SendForAsync(HttpMethod.Get, $"api/pipelines/{Segment(pipelineId)}/durations", null, Json.ExpectedDurations, ct);

    public async Task<ApplyResult> CreatePipelineAsync(string definitionJson, CancellationToken ct)
    {
        using var content = JsonContent(definitionJson);
        using var response = await SendAsync(HttpMethod.Post, "api/pipelines", content, null, ct);
        return new ApplyResult(true, response.Headers.ETag?.ToString(), response.Headers.Location);
    }

    public async Task<ApplyResult> UpdatePipelineAsync(string pipelineId, string definitionJson, string? etag,
        CancellationToken ct)
    {
        using var content = JsonContent(definitionJson);
        using var response = await SendAsync(HttpMethod.Put, $"api/pipelines/{Segment(pipelineId)}", content, etag, ct);
        return new ApplyResult(false, response.Headers.ETag?.ToString(), response.Headers.Location);
    }

    public async Task DeletePipelineAsync(string pipelineId, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"api/pipelines/{Segment(pipelineId)}", null, null, ct);
    }

    public Task<List<SchedulePreviewItem>> PreviewScheduleAsync(string pipelineId, int count, CancellationToken ct) =>
        SendForAsync(HttpMethod.Get,
            $"api/pipelines/{Segment(pipelineId)}/schedule/preview?count={count.ToString(CultureInfo.InvariantCulture)}",
            null, Json.ListSchedulePreviewItem, ct);

    public Task<JsonElement> GetHealthAsync(CancellationToken ct) =>
        SendForAsync(HttpMethod.Get, "api/health", null, Json.JsonElement, ct);

    public Task<JsonElement> ListAlertsAsync(CancellationToken ct) =>
        SendForAsync(HttpMethod.Get, "api/alerts", null, Json.JsonElement, ct);

    /// <summary>
    /// GETs an absolute URI the server handed out (a status URI) with this client's token, returning the status code
    /// and body as they are: for Durable's status query, 202 means still running.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Body)> GetAbsoluteAsync(Uri uri, CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync(uri, ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }
        catch (HttpRequestException e)
        {
            throw new ServerUnreachableException(new Uri(uri.GetLeftPart(UriPartial.Authority)), Reason(e), e);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<RunStarted> StartedAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var response = await SendAsync(method, path, content, null, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var started = string.IsNullOrWhiteSpace(body)
            ? new RunStarted(null, null, null, null, null)
            : JsonSerializer.Deserialize(body, Json.RunStarted) ?? new RunStarted(null, null, null, null, null);
        if (started.RunId is null && started.Id is null && response.Headers.Location is { } location)
        {
            // Location names the run's status URI (/api/runs/{id}/status).
            var segments = location.OriginalString.TrimEnd('/').Split('/');
            var last = segments[^1] == "status" && segments.Length > 1 ? segments[^2] : segments[^1];
            started = started with { RunId = Uri.UnescapeDataString(last) };
        }

        return started;
    }

    private async Task<T> SendForAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type,
        CancellationToken ct)
    {
        using var response = await SendAsync(method, path, content, null, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        try
        {
            return JsonSerializer.Deserialize(body, type)
                ?? throw new ApiException($"The server answered {method} /{path} with an empty body.");
        }
        catch (JsonException e)
        {
            throw new ApiException($"The server's answer to {method} /{path} is not the expected JSON: {e.Message}", e);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content,
        string? ifMatch, CancellationToken ct, bool allowNotFound = false)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (HttpRequestException e)
        {
            throw new ServerUnreachableException(Server, Reason(e), e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new ServerUnreachableException(Server,
                $"no answer within {_http.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s", e);
        }

        if (response.IsSuccessStatusCode || (allowNotFound && response.StatusCode == HttpStatusCode.NotFound))
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new ApiException(ProblemParser.Parse((int)response.StatusCode, response.ReasonPhrase, body));
        }
    }

    private static string Reason(HttpRequestException e) =>
        e.InnerException is SocketException socket
            ? socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.HostNotFound or SocketError.NoData => "unknown host",
                SocketError.TimedOut => "connection timed out",
                _ => socket.Message,
            }
            : e.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "unknown host",
                HttpRequestError.ConnectionError => "connection failed",
                HttpRequestError.SecureConnectionError => "TLS handshake failed",
                _ => e.Message,
            };

    private static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Segment(string value) => Uri.EscapeDataString(value);
}
