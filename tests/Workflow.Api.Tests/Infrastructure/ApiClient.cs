using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Workflow.Api.Tests.Infrastructure;

/// <summary>A caller of the API: a user with groups and roles, holding a token from the development issuer.</summary>
public sealed class ApiClient(HttpClient http, string user)
{
    public HttpClient Http { get; } = http;

    public string User { get; } = user;

    public static async Task<ApiClient> LoginAsync(ApiFactory factory, string user, string[] groups, string[] roles)
    {
        var http = factory.CreateClient();
        var response = await http.PostAsJsonAsync("/api/dev/token", new { user, groups, roles });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ApiClient(http, user);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(path);

    public Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string? json,
        string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(string path, string? json = null) =>
        SendJsonAsync(HttpMethod.Post, path, json);

    /// <summary>Asserts a status code and shows the body when it differs, since a problem's detail says why.</summary>
    public static async Task AssertStatusAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"Expected {(int)expected} {expected}, got {(int)response.StatusCode}: {body}");
        }
    }

    /// <summary>Asserts a 400 problem with exactly one field error, and returns that error.</summary>
    public static async Task<JsonElement> SingleErrorAsync(HttpResponseMessage response)
    {
        await AssertStatusAsync(HttpStatusCode.BadRequest, response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        return Assert.Single(problem.GetProperty("errors").EnumerateArray());
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Polls a run until it finishes, with a generous deadline for a loaded machine.</summary>
    public Task<JsonElement> WaitForRunAsync(string runId, TimeSpan? timeout = null) =>
        Poll.GetAsync(async () =>
            {
                var response = await GetAsync($"/api/runs/{Uri.EscapeDataString(runId)}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return await JsonAsync(response);
            },
            body => Status(body) is "succeeded" or "failed" or "cancelled",
            $"run {runId} to finish", timeout, body => $"status {Status(body)}");

    private static string? Status(JsonElement body) => body.GetProperty("run").GetProperty("status").GetString();
}
