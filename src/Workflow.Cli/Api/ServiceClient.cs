using System.Globalization;
using System.Text.Json;
using static Workflow.Cli.Api.ApiConnection;

namespace Workflow.Cli.Api;

/// <summary>
/// What belongs to the service rather than to one resource: its health, its alerts (read as JSON, shown as they come),
/// the caller as the server sees them, and the development token issuer.
/// </summary>
public sealed class ServiceClient(ApiConnection api)
{
    public Task<JsonElement> HealthAsync(CancellationToken ct) =>
        api.SendForAsync(HttpMethod.Get, "api/health", null, Json.JsonElement, ct);

    /// <summary>The alerts the caller may see, newest first; a null filter is the server's default.</summary>
    public Task<JsonElement> ListAlertsAsync(string? status, string? pipelineId, string? runId, int? limit,
        CancellationToken ct) =>
        api.SendForAsync(HttpMethod.Get, WithQuery("api/alerts", ("status", status), ("pipeline", pipelineId),
            ("run", runId), ("limit", limit?.ToString(CultureInfo.InvariantCulture))), null, Json.JsonElement, ct);

    public Task<JsonElement> AckAlertAsync(string alertId, CancellationToken ct) =>
        api.SendForAsync(HttpMethod.Post, $"api/alerts/{Segment(alertId)}/ack", null, Json.JsonElement, ct);

    /// <summary>Who the server takes the token's holder to be; a 401 when it refuses the token.</summary>
    public Task<MeResponse> MeAsync(CancellationToken ct) =>
        api.SendForAsync(HttpMethod.Get, "api/me", null, Json.MeResponse, ct);

    public async Task<DevTokenResponse> CreateDevTokenAsync(DevTokenRequest request, CancellationToken ct)
    {
        using var content = JsonContent(request, Json.DevTokenRequest);
        return await api.SendForAsync(HttpMethod.Post, "api/dev/token", content, Json.DevTokenResponse, ct);
    }
}
