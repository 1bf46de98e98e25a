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

    /// <summary>Polls the run until it is no longer queued or running; returns its final status.</summary>
    public async Task<string> WaitForRunToFinishAsync(string token, string runId, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/runs/{Uri.EscapeDataString(runId)}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await _http.SendAsync(request);
            await EnsureAsync(response);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var status = body.GetProperty("run").GetProperty("status").GetString()!;
            if (status is not ("queued" or "running"))
            {
                return status;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Run {runId} is still {status} after {timeout}.");
            }

            await Task.Delay(250);
        }
    }

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
