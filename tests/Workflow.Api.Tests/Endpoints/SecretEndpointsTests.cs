using System.Net;
using System.Security.Cryptography;
using System.Text;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Endpoints;

public sealed class SecretEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Value = "s3cr3t-Value-42";

    /// <summary>
    /// A process task that prints the secret (the log must mask it) and writes the SHA-256 of what it received to
    /// its output, which proves it got the real value without the value itself leaving the task.
    /// </summary>
    private static string Pipeline(string id, string group, string secret) => $$$"""
        {
          "id": "{{{id}}}", "ownerGroup": "{{{group}}}",
          "tasks": [ { "id": "use", "kind": "process", "retry": { "maxAttempts": 3 },
            "config": { "command": "sh", "env": { "TOKEN": "{{ secrets.{{{secret}}} }}" },
              "args": ["-c", "echo \"token=$TOKEN\"; printf '{\"sha\":\"%s\"}' \"$(printf %s \"$TOKEN\" | sha256sum | cut -c1-64)\" > \"$WF_OUTPUT_FILE\""] } } ]
        }
        """;

    private static async Task<string> TriggerAsync(ApiClient client, string pipeline)
    {
        var response = await client.PostAsync($"/api/pipelines/{pipeline}/runs", "{}");
        await ApiClient.AssertStatusAsync(HttpStatusCode.Accepted, response);
        return (await ApiClient.JsonAsync(response)).GetProperty("runId").GetString()!;
    }

    [Fact]
    public async Task A_set_secret_is_listed_without_its_value_reaches_the_task_and_is_masked_in_its_log()
    {
        // Arrange
        var erin = await ApiClient.LoginAsync(factory, "erin", ["sec-a"], ["editor"]);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created,
            await erin.PostAsync("/api/pipelines", Pipeline("sec-p1", "sec-a", "API_TOKEN")));

        // Act
        var set = await erin.SendJsonAsync(HttpMethod.Put, "/api/groups/sec-a/secrets/API_TOKEN",
            $$"""{"value": "{{Value}}"}""");
        var again = await erin.SendJsonAsync(HttpMethod.Put, "/api/groups/sec-a/secrets/API_TOKEN",
            $$"""{"value": "{{Value}}"}""");
        var list = await erin.GetAsync("/api/groups/sec-a/secrets");
        var runId = await TriggerAsync(erin, "sec-p1");
        var done = await erin.WaitForRunAsync(runId);
        var run = Uri.EscapeDataString(runId);
        var log = await ApiClient.JsonAsync(await erin.GetAsync($"/api/runs/{run}/tasks/use/attempts/1/log"));
        var attempts = await (await erin.GetAsync($"/api/runs/{run}/tasks/use/attempts")).Content.ReadAsStringAsync();
        var definition = await (await erin.GetAsync("/api/pipelines/sec-p1")).Content.ReadAsStringAsync();

        // Assert
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created, set);
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, again);
        var listed = await list.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Value, listed, StringComparison.Ordinal);
        var secret = Assert.Single((await ApiClient.JsonAsync(list)).EnumerateArray());
        Assert.Equal(("API_TOKEN", 2, "erin"), (secret.GetProperty("name").GetString(),
            secret.GetProperty("version").GetInt32(), secret.GetProperty("updatedBy").GetString()));
        Assert.Equal("succeeded", done.GetProperty("run").GetProperty("status").GetString());
        var text = log.GetProperty("text").GetString()!;
        Assert.Contains("token=***", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, text, StringComparison.Ordinal);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Value)));
        Assert.Contains(sha, attempts, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, attempts, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, done.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("{{ secrets.API_TOKEN }}", definition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reference_to_a_missing_secret_fails_the_attempt_once_naming_the_secret()
    {
        // Arrange
        var erin = await ApiClient.LoginAsync(factory, "erin", ["sec-b"], ["editor"]);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created,
            await erin.PostAsync("/api/pipelines", Pipeline("sec-p2", "sec-b", "NOT_SET")));

        // Act
        var runId = await TriggerAsync(erin, "sec-p2");
        var done = await erin.WaitForRunAsync(runId);
        var attempts = await ApiClient.JsonAsync(
            await erin.GetAsync($"/api/runs/{Uri.EscapeDataString(runId)}/tasks/use/attempts"));

        // Assert: invalid-input is not retried, though the task allows three attempts.
        Assert.Equal("failed", done.GetProperty("run").GetProperty("status").GetString());
        var attempt = Assert.Single(attempts.EnumerateArray());
        Assert.Equal("invalid-input", attempt.GetProperty("errorKind").GetString());
        Assert.Contains("secret 'NOT_SET' is not set in group 'sec-b'", attempt.GetProperty("error").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_groups_get_404_viewers_get_403_and_bad_names_and_values_get_400_naming_the_field()
    {
        // Arrange
        var erin = await ApiClient.LoginAsync(factory, "erin", ["sec-c"], ["editor"]);
        var vera = await ApiClient.LoginAsync(factory, "vera", ["sec-c"], ["viewer"]);
        var otto = await ApiClient.LoginAsync(factory, "otto", ["sec-other"], ["editor"]);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created,
            await erin.SendJsonAsync(HttpMethod.Put, "/api/groups/sec-c/secrets/DB_PASSWORD", """{"value": "pw"}"""));

        // Act
        var outsiderList = await otto.GetAsync("/api/groups/sec-c/secrets");
        var unknownList = await otto.GetAsync("/api/groups/sec-none/secrets");
        var outsiderSet = await otto.SendJsonAsync(HttpMethod.Put, "/api/groups/sec-c/secrets/DB_PASSWORD",
            """{"value": "x"}""");
        var outsiderDelete = await otto.SendJsonAsync(HttpMethod.Delete, "/api/groups/sec-c/secrets/DB_PASSWORD", null);
        var viewerList = await vera.GetAsync("/api/groups/sec-c/secrets");
        var viewerSet = await vera.SendJsonAsync(HttpMethod.Put, "/api/groups/sec-c/secrets/DB_PASSWORD",
            """{"value": "x"}""");
        var badName = await erin.SendJsonAsync(HttpMethod.Put, "/api/groups/sec-c/secrets/9-bad", """{"value": "x"}""");
        var emptyValue = await erin.SendJsonAsync(HttpMethod.Put, "/api/groups/sec-c/secrets/OK", """{"value": ""}""");
        var tooLarge = await erin.SendJsonAsync(HttpMethod.Put, "/api/groups/sec-c/secrets/OK",
            $$"""{"value": "{{new string('x', 20_000)}}"}""");

        // Assert
        await ApiClient.AssertStatusAsync(HttpStatusCode.NotFound, outsiderList);
        var outsiderDetail = (await ApiClient.JsonAsync(outsiderList)).GetProperty("detail").GetString()!;
        Assert.Equal("You are not in a group 'sec-c', so it has no secrets for you.", outsiderDetail);
        Assert.Equal(outsiderDetail.Replace("sec-c", "sec-none", StringComparison.Ordinal),
            (await ApiClient.JsonAsync(unknownList)).GetProperty("detail").GetString());
        await ApiClient.AssertStatusAsync(HttpStatusCode.NotFound, outsiderSet);
        await ApiClient.AssertStatusAsync(HttpStatusCode.NotFound, outsiderDelete);
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, viewerList);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Forbidden, viewerSet);
        await ApiClient.AssertStatusAsync(HttpStatusCode.BadRequest, badName);
        await ApiClient.AssertStatusAsync(HttpStatusCode.BadRequest, emptyValue);
        await ApiClient.AssertStatusAsync(HttpStatusCode.BadRequest, tooLarge);
        Assert.Equal("name", FieldOf(await ApiClient.JsonAsync(badName)));
        Assert.Equal("value", FieldOf(await ApiClient.JsonAsync(emptyValue)));
        Assert.Equal("value", FieldOf(await ApiClient.JsonAsync(tooLarge)));
        var listed = Assert.Single((await ApiClient.JsonAsync(viewerList)).EnumerateArray());
        Assert.Equal(1, listed.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Setting_and_deleting_are_audited_without_the_value_and_a_deleted_secret_is_gone()
    {
        // Arrange
        var erin = await ApiClient.LoginAsync(factory, "erin", ["sec-d"], ["editor"]);

        // Act
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created, await erin.SendJsonAsync(HttpMethod.Put,
            "/api/groups/sec-d/secrets/SMTP_PASSWORD", $$"""{"value": "{{Value}}"}"""));
        var deleted = await erin.SendJsonAsync(HttpMethod.Delete, "/api/groups/sec-d/secrets/SMTP_PASSWORD", null);
        var deletedAgain = await erin.SendJsonAsync(HttpMethod.Delete, "/api/groups/sec-d/secrets/SMTP_PASSWORD", null);
        var list = await ApiClient.JsonAsync(await erin.GetAsync("/api/groups/sec-d/secrets"));
        var audit = await erin.GetAsync("/api/audit?limit=50");
        var auditText = await audit.Content.ReadAsStringAsync();

        // Assert
        await ApiClient.AssertStatusAsync(HttpStatusCode.NoContent, deleted);
        await ApiClient.AssertStatusAsync(HttpStatusCode.NotFound, deletedAgain);
        Assert.Empty(list.EnumerateArray());
        var mine = (await ApiClient.JsonAsync(audit)).EnumerateArray()
            .Where(e => e.GetProperty("target").GetString() == "sec-d/SMTP_PASSWORD")
            .Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actor").GetString()))
            .ToList();
        Assert.Equal([("secret.delete", "erin"), ("secret.set", "erin")], mine);
        Assert.DoesNotContain(Value, auditText, StringComparison.Ordinal);
    }

    private static string? FieldOf(System.Text.Json.JsonElement problem) =>
        problem.GetProperty("errors")[0].GetProperty("path").GetString();
}
