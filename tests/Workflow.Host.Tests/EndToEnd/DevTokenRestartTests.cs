using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflow.Host.Tests.EndToEnd;

/// <summary>A development token stays valid when the host restarts on the same data directory.</summary>
public sealed class DevTokenRestartTests
{
    [Fact]
    public async Task A_dev_token_issued_before_a_restart_is_accepted_after_it()
    {
        // Arrange
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var directory = Directory.CreateTempSubdirectory("wf-host-restart-").FullName;
        string? token;
        await using (var first = await HostProcess.StartAsync(["--Workflow:Samples=false"], deadline.Token, directory))
        {
            using var http = new HttpClient { BaseAddress = first.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var login = await http.PostAsJsonAsync("api/dev/token",
                new { user = "alice", groups = new[] { "data-eng" }, roles = new[] { "viewer" } }, deadline.Token);
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            token = (await login.Content.ReadFromJsonAsync<JsonElement>(deadline.Token)).GetProperty("token").GetString();
        }

        // Act
        HttpStatusCode after;
        await using (var second = await HostProcess.StartAsync(["--Workflow:Samples=false"], deadline.Token, directory))
        {
            using var http = new HttpClient { BaseAddress = second.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.GetAsync("api/pipelines", deadline.Token);
            after = response.StatusCode;
        }

        // Assert
        Assert.Equal(HttpStatusCode.OK, after);
        Assert.True(File.Exists(Path.Combine(directory, ".workflow", "dev-signing-key")));
        Directory.Delete(directory, recursive: true);
    }
}
