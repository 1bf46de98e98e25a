using System.Net;
using System.Text.Json;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Endpoints;

/// <summary>Suspend and resume through the API on the real embedded host: roles, statuses, audit.</summary>
public sealed class RunSuspendEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory = factory;

    /// <summary>A task that waits for a file to appear, then a second task after it.</summary>
    private static string Gated(string id, string file) => $$"""
        {
          "id": "{{id}}",
          "ownerGroup": "data-eng",
          "tasks": [
            { "id": "gate", "kind": "process", "config": { "command": "sh", "args": ["-c", "while [ ! -f '{{file}}' ]; do sleep 0.05; done"] } },
            { "id": "after", "kind": "process", "dependsOn": ["gate"], "config": { "command": "sh", "args": ["-c", "echo done"] } }
          ]
        }
        """;

    private async Task<(ApiClient Operator, string RunId, string File)> StartGatedRunAsync(string pipeline)
    {
        var file = Path.Combine(_factory.DataDirectory, pipeline + "-open");
        var editor = await ApiClient.LoginAsync(_factory, "erin", ["data-eng"], ["editor"]);
        Assert.Equal(HttpStatusCode.Created, (await editor.PostAsync("/api/pipelines", Gated(pipeline, file))).StatusCode);
        var olga = await ApiClient.LoginAsync(_factory, "olga", ["data-eng"], ["operator"]);
        var trigger = await olga.PostAsync($"/api/pipelines/{pipeline}/runs");
        Assert.Equal(HttpStatusCode.Accepted, trigger.StatusCode);
        return (olga, (await ApiClient.JsonAsync(trigger)).GetProperty("runId").GetString()!, file);
    }

    [Fact]
    public async Task An_operator_suspends_and_resumes_a_run_and_both_are_audited_with_actor_and_reason()
    {
        // Arrange
        var (olga, runId, file) = await StartGatedRunAsync("su1-gated");
        var run = Uri.EscapeDataString(runId);

        // Act
        var suspend = await olga.PostAsync($"/api/runs/{run}/suspend", "{\"reason\": \"warehouse maintenance\"}");
        var again = await olga.PostAsync($"/api/runs/{run}/suspend");
        var detail = await ApiClient.JsonAsync(await olga.GetAsync($"/api/runs/{run}"));
        var listed = await ApiClient.JsonAsync(await olga.GetAsync("/api/runs?status=suspended&pipeline=su1-gated"));
        var resume = await olga.PostAsync($"/api/runs/{run}/resume", "{\"reason\": \"done\"}");
        await File.WriteAllTextAsync(file, "");
        var done = await olga.WaitForRunAsync(runId);
        var audit = await ApiClient.JsonAsync(await olga.GetAsync("/api/audit?limit=2"));

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, suspend.StatusCode);
        Assert.Equal($"/api/runs/{run}/status", suspend.Headers.Location!.ToString());
        Assert.Equal("suspending", (await ApiClient.JsonAsync(suspend)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("suspended", (await ApiClient.JsonAsync(again)).GetProperty("status").GetString());
        Assert.Equal("suspended", detail.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal(runId, Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("runId").GetString());
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        Assert.Equal("succeeded", done.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal(["run.resume", "run.suspend"], audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(["done", "warehouse maintenance"], audit.EnumerateArray().Select(e => e.GetProperty("detail").GetString()));
        Assert.All(audit.EnumerateArray(), e => Assert.Equal("olga", e.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task A_viewer_is_forbidden_another_group_sees_404_and_a_finished_run_is_a_conflict()
    {
        // Arrange
        var (olga, runId, file) = await StartGatedRunAsync("su2-gated");
        var run = Uri.EscapeDataString(runId);
        var vera = await ApiClient.LoginAsync(_factory, "vera", ["data-eng"], ["viewer"]);
        var oscar = await ApiClient.LoginAsync(_factory, "oscar", ["finance"], ["operator"]);

        // Act
        var byViewer = await vera.PostAsync($"/api/runs/{run}/suspend");
        var byStranger = await oscar.PostAsync($"/api/runs/{run}/suspend");
        var unknown = await olga.PostAsync("/api/runs/nope%40manual-1/resume");
        var badBody = await olga.PostAsync($"/api/runs/{run}/suspend", "[1]");
        await File.WriteAllTextAsync(file, "");
        await olga.WaitForRunAsync(runId);
        var finished = await olga.PostAsync($"/api/runs/{run}/suspend");

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badBody.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, finished.StatusCode);
        Assert.Contains("already finished (succeeded)",
            (await ApiClient.JsonAsync(finished)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("suspend")]
    [InlineData("cancel")]
    public async Task A_reason_too_long_or_with_a_control_character_is_a_400_naming_it_and_changes_nothing(string change)
    {
        // Arrange: a reason goes into the run's events and the audit trail every reader of the group lists.
        var pipeline = "su3-" + change;
        var (olga, runId, file) = await StartGatedRunAsync(pipeline);
        var run = Uri.EscapeDataString(runId);
        var longReason = JsonSerializer.Serialize(new { reason = new string('x', 1001) });
        var escape = JsonSerializer.Serialize(new { reason = "see \u001b[2J\u0000 here" });

        // Act
        var tooLong = await olga.PostAsync($"/api/runs/{run}/{change}", longReason);
        var withEscape = await olga.PostAsync($"/api/runs/{run}/{change}", escape);
        var detail = await ApiClient.JsonAsync(await olga.GetAsync($"/api/runs/{run}"));
        var audit = await ApiClient.JsonAsync(await olga.GetAsync("/api/audit?limit=20"));
        await File.WriteAllTextAsync(file, "");
        var done = await olga.WaitForRunAsync(runId);

        // Assert
        Assert.Equal("$.reason", (await ApiClient.SingleErrorAsync(tooLong)).GetProperty("path").GetString());
        var control = await ApiClient.SingleErrorAsync(withEscape);
        Assert.Equal("$.reason", control.GetProperty("path").GetString());
        Assert.Equal("running", detail.GetProperty("run").GetProperty("status").GetString());
        Assert.DoesNotContain(audit.EnumerateArray(), e => e.GetProperty("target").GetString() == runId &&
                                                           e.GetProperty("action").GetString() != "run.trigger");
        Assert.Equal("succeeded", done.GetProperty("run").GetProperty("status").GetString());
    }
}
