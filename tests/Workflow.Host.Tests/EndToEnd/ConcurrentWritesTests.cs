using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Workflow.Host.Tests.EndToEnd;

/// <summary>Many API writes at once over real HTTP: each lands, and is readable as soon as it is answered.</summary>
public sealed class ConcurrentWritesTests
{
    private const int Creations = 24;

    [Fact]
    public async Task Concurrent_saves_all_land_and_read_back_at_once_and_of_two_racing_updates_exactly_one_wins()
    {
        // Arrange
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var host = await HostProcess.StartAsync(["--Workflow:Samples=false"], deadline.Token);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var login = await http.PostAsJsonAsync("api/dev/token",
            new { user = "alice", groups = new[] { "data-eng" }, roles = new[] { "editor" } }, deadline.Token);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(deadline.Token)).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(http, HttpMethod.Post, "api/pipelines", "shared", "first",
            null, deadline.Token)).Status);

        // Act: creations and two updates of the same version, all at once.
        var creations = Enumerable.Range(0, Creations).Select(async i =>
        {
            var id = $"burst-{i:00}";
            var created = await SendAsync(http, HttpMethod.Post, "api/pipelines", id, "one", null, deadline.Token);
            using var read = await http.GetAsync($"api/pipelines/{id}", deadline.Token);
            return (id, created, read: read.StatusCode);
        }).ToList();
        var updates = new[] { "second", "third" }.Select(task =>
            SendAsync(http, HttpMethod.Put, "api/pipelines/shared", "shared", task, "\"v1\"", deadline.Token)).ToList();
        var created = await Task.WhenAll(creations);
        var updated = await Task.WhenAll(updates);

        // Assert
        Assert.All(created, c =>
        {
            Assert.True(c.created.Status == HttpStatusCode.Created, $"{c.id}: {c.created.Status} {c.created.Body}");
            Assert.Equal(HttpStatusCode.OK, c.read);
        });
        var winner = Assert.Single(updated, u => u.Status == HttpStatusCode.OK);
        var loser = Assert.Single(updated, u => u.Status != HttpStatusCode.OK);
        Assert.Contains(loser.Status, new[] { HttpStatusCode.Conflict, HttpStatusCode.PreconditionFailed });
        using var shared = await http.GetAsync("api/pipelines/shared", deadline.Token);
        var body = await shared.Content.ReadFromJsonAsync<JsonElement>(deadline.Token);
        var kept = body.GetProperty("tasks")[0].GetProperty("id").GetString()!;
        Assert.Equal(2, body.GetProperty("version").GetInt32());
        Assert.Contains(kept, new[] { "second", "third" });
        Assert.Contains($"\"{kept}\"", winner.Body);
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient http, HttpMethod method,
        string path, string id, string task, string? ifMatch, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = new StringContent($$$"""
                {"id":"{{{id}}}","ownerGroup":"data-eng","tasks":[{"id":"{{{task}}}","kind":"delay","config":{"duration":"1s"}}]}
                """, Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await http.SendAsync(request, ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }
}
