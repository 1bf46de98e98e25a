using System.Net;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Endpoints;

/// <summary>What a pipeline write says about its schedules: a field its kind ignores is refused, a schedule that will
/// not fire is accepted with a warning.</summary>
public sealed class ScheduleWriteChecksTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static string WithSchedule(string id, string schedule) => $$"""
        {
          "id": "{{id}}",
          "ownerGroup": "sched-w",
          "schedules": [{{schedule}}],
          "tasks": [{ "id": "say", "kind": "process", "config": { "command": "true" } }]
        }
        """;

    private Task<ApiClient> EditorAsync() => ApiClient.LoginAsync(factory, "sue", ["sched-w"], ["editor"]);

    [Theory]
    [InlineData("""{ "kind": "cron", "cron": "0 2 * * *", "every": "5m" }""", "$.schedules[0].every", "cron",
        "\"kind\": \"interval\"")]
    [InlineData("""{ "kind": "interval", "every": "5m", "at": "2030-01-01T00:00:00Z" }""", "$.schedules[0].at",
        "interval", "\"kind\": \"once\"")]
    [InlineData("""{ "kind": "once", "at": "2030-01-01T00:00:00Z", "dstGap": "skip" }""", "$.schedules[0].dstGap",
        "once", "cron schedules only")]
    public async Task A_schedule_field_its_kind_ignores_is_refused_naming_the_field_and_the_kind(string schedule,
        string path, string kind, string hint)
    {
        var sue = await EditorAsync();

        var refused = await sue.PostAsync("/api/pipelines", WithSchedule($"sw-{Guid.NewGuid():N}"[..20], schedule));

        var error = await ApiClient.SingleErrorAsync(refused);
        Assert.Equal(path, error.GetProperty("path").GetString());
        Assert.Contains($" {kind} schedule", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(hint, error.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_once_schedule_in_the_past_is_saved_with_a_warning_and_an_unchanged_reapply_is_too()
    {
        var sue = await EditorAsync();
        var definition = WithSchedule("sw-once-past", """{ "kind": "once", "at": "2020-01-01T00:00:00Z" }""");

        var created = await sue.PostAsync("/api/pipelines", definition);
        var reapplied = await sue.SendJsonAsync(HttpMethod.Put, "/api/pipelines/sw-once-past", definition,
            ifMatch: "\"v1\"");
        var future = await sue.SendJsonAsync(HttpMethod.Put, "/api/pipelines/sw-once-past",
            WithSchedule("sw-once-past", """{ "kind": "once", "at": "2099-01-01T00:00:00Z" }"""), ifMatch: "\"v1\"");

        await ApiClient.AssertStatusAsync(HttpStatusCode.Created, created);
        var warning = Assert.Single(created.Headers.Warning);
        Assert.Equal(299, warning.Code);
        Assert.Equal("-", warning.Agent);
        Assert.StartsWith("\"$.schedules[0].at: 'at' (2020-01-01T00:00:00Z) has passed", warning.Text,
            StringComparison.Ordinal);
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, reapplied);
        Assert.Equal("true", Assert.Single(reapplied.Headers.GetValues("Workflow-Unchanged")));
        Assert.Equal(warning.Text, Assert.Single(reapplied.Headers.Warning).Text);
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, future);
        Assert.Empty(future.Headers.Warning);
    }
}
