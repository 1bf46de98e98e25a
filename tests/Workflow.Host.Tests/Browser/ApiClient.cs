using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Host.Tests.Browser;

/// <summary>Direct calls to the host's API, for test setup that is not what the test is about.</summary>
public sealed class ApiClient(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public async Task<string> DevTokenAsync(string user, string[] groups, string[] roles)
    {
        using var response = await _http.PostAsJsonAsync("api/dev/token", new { user, groups, roles });
        await EnsureAsync(response);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("token").GetString()!;
    }

    public async Task CreatePipelineAsync(string token, JsonObject definition)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/pipelines")
        {
            Content = JsonContent.Create(definition),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        await EnsureAsync(response);
    }

    /// <summary>Starts a run and returns its id.</summary>
    public async Task<string> TriggerAsync(string token, string pipelineId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/pipelines/{pipelineId}/runs")
        {
            Content = JsonContent.Create(new { }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        await EnsureAsync(response);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("runId").GetString()!;
    }

    /// <summary>Replaces a pipeline whatever its current version (If-Match: *).</summary>
    public async Task ReplacePipelineAsync(string token, JsonObject definition)
    {
        var id = definition["id"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/pipelines/{Uri.EscapeDataString(id)}")
        {
            Content = JsonContent.Create(definition),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        using var response = await _http.SendAsync(request);
        await EnsureAsync(response);
    }

    /// <summary>Posts a trigger with <paramref name="parameters"/>; returns status and body, refused or not.</summary>
    public async Task<(int Status, JsonElement Body)> TryTriggerAsync(string token, string pipelineId,
        JsonObject parameters)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/pipelines/{pipelineId}/runs")
        {
            Content = JsonContent.Create(new JsonObject { ["parameters"] = parameters }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>GETs an API path as the token's user and returns the JSON body.</summary>
    public async Task<JsonElement> GetJsonAsync(string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        await EnsureAsync(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// Polls for an alert the SLA monitor raises (it records alerts beside the run, so a finished run's alert may
    /// land a moment later); returns its JSON.
    /// </summary>
    public async Task<JsonElement> WaitForAlertAsync(string token, string alertId, TimeSpan timeout) =>
        (await Poll.GetAsync(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"api/alerts/{Uri.EscapeDataString(alertId)}");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await _http.SendAsync(request);
                if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
                {
                    return (JsonElement?)null;
                }

                await EnsureAsync(response);
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            },
            alert => alert is not null, $"alert {alertId}", timeout, _ => "404"))!.Value;

    /// <summary>Polls the run until it is no longer queued or running; returns its final status.</summary>
    public Task<string> WaitForRunToFinishAsync(string token, string runId, TimeSpan timeout) =>
        Poll.GetAsync(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"api/runs/{Uri.EscapeDataString(runId)}");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await _http.SendAsync(request);
                await EnsureAsync(response);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                return body.GetProperty("run").GetProperty("status").GetString()!;
            },
            status => status is not ("queued" or "running"), $"run {runId} to finish", timeout);

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync();
            throw new HttpRequestException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered " +
                $"{(int)response.StatusCode}: {text}");
        }
    }

    public void Dispose() => _http.Dispose();
}
