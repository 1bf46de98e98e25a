using System.Net;
using System.Text.Json;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Endpoints;

public sealed class BackfillEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static string Daily(string id) => $$"""
        {
          "id": "{{id}}",
          "ownerGroup": "data-eng",
          "schedules": [{ "name": "daily", "kind": "cron", "cron": "0 2 * * *", "parameters": { "day": "x" } }],
          "parameters": [{ "name": "day" }],
          "tasks": [ { "id": "t", "kind": "process", "config": { "command": "true" } } ]
        }
        """;

    private async Task<ApiClient> OperatorWithAsync(string json)
    {
        var editor = await ApiClient.LoginAsync(factory, "erin", ["data-eng"], ["editor"]);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created, await editor.PostAsync("/api/pipelines", json));
        return await ApiClient.LoginAsync(factory, "olga", ["data-eng"], ["operator"]);
    }

    private static async Task<JsonElement> FinishedAsync(ApiClient client, string statusUri)
    {
        JsonElement body = default;
        await Poll.UntilAsync(async () =>
        {
            body = await ApiClient.JsonAsync(await client.GetAsync(statusUri));
            var p = body.GetProperty("progress");
            return p.GetProperty("waiting").GetInt32() == 0 && p.GetProperty("running").GetInt32() == 0;
        }, "the backfill to finish");
        return body;
    }

    [Fact]
    public async Task A_three_day_backfill_starts_three_runs_with_their_logical_times_and_a_repeat_starts_none()
    {
        // Arrange
        var olga = await OperatorWithAsync(Daily("bf1"));
        const string range = """{ "from": "2026-03-01T00:00:00Z", "to": "2026-03-03T23:59:59Z", "maxActiveRuns": 2 }""";

        // Act
        var first = await olga.PostAsync("/api/pipelines/bf1/backfills", range);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Accepted, first);
        var accepted = await ApiClient.JsonAsync(first);
        var done = await FinishedAsync(olga, first.Headers.Location!.ToString());
        var again = await olga.PostAsync("/api/pipelines/bf1/backfills", range);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Accepted, again);
        var repeat = await FinishedAsync(olga, (await ApiClient.JsonAsync(again)).GetProperty("statusQueryGetUri").GetString()!);

        // Assert
        Assert.StartsWith("bf-", accepted.GetProperty("backfillId").GetString());
        Assert.Equal(3, accepted.GetProperty("progress").GetProperty("total").GetInt32());
        var progress = done.GetProperty("progress");
        Assert.Equal((3, 3, 0), (progress.GetProperty("started").GetInt32(), progress.GetProperty("succeeded").GetInt32(),
            progress.GetProperty("failed").GetInt32()));
        Assert.Equal((0, 3), (repeat.GetProperty("progress").GetProperty("started").GetInt32(),
            repeat.GetProperty("progress").GetProperty("existing").GetInt32()));
        var runs = (await ApiClient.JsonAsync(await olga.GetAsync("/api/runs?pipeline=bf1"))).GetProperty("items")
            .EnumerateArray().OrderBy(r => r.GetProperty("runId").GetString(), StringComparer.Ordinal).ToList();
        Assert.Equal(["bf1@20260301T020000Z", "bf1@20260302T020000Z", "bf1@20260303T020000Z"],
            runs.Select(r => r.GetProperty("runId").GetString()));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero), runs[1].GetProperty("logicalTime").GetDateTimeOffset());
        Assert.All(runs, r => Assert.Equal("backfill", r.GetProperty("trigger").GetString()));
        Assert.Equal("x", runs[0].GetProperty("parameters").GetProperty("day").GetString());
    }

    [Fact]
    public async Task A_range_over_the_limit_is_refused_with_its_count_and_starts_nothing()
    {
        var olga = await OperatorWithAsync(Daily("bf2"));

        var response = await olga.PostAsync("/api/pipelines/bf2/backfills",
            """{ "from": "2020-01-01T00:00:00Z", "to": "2026-01-01T00:00:00Z" }""");

        await ApiClient.AssertStatusAsync(HttpStatusCode.BadRequest, response);
        var problem = await ApiClient.JsonAsync(response);
        Assert.Contains("2,192 occurrences", problem.GetProperty("detail").GetString());
        Assert.Equal("$.to", problem.GetProperty("errors")[0].GetProperty("path").GetString());
        var runs = await ApiClient.JsonAsync(await olga.GetAsync("/api/runs?pipeline=bf2"));
        Assert.Equal(0, runs.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("""{ "to": "2026-03-01T00:00:00Z" }""", "$.from")]
    [InlineData("""{ "from": "2026-03-02T00:00:00Z", "to": "2026-03-01T00:00:00Z" }""", "$.to")]
    [InlineData("""{ "from": "2026-03-01T00:00:00Z", "to": "2026-03-02T00:00:00Z", "schedule": "hourly" }""", "$.schedule")]
    [InlineData("""{ "from": "2026-03-01T00:00:00Z", "to": "2026-03-02T00:00:00Z", "maxActiveRuns": 0 }""", "$.maxActiveRuns")]
    public async Task A_bad_backfill_request_answers_400_naming_the_field(string body, string path)
    {
        var olga = await OperatorWithAsync(Daily("bf3-" + Math.Abs(path.GetHashCode(StringComparison.Ordinal))));
        var id = "bf3-" + Math.Abs(path.GetHashCode(StringComparison.Ordinal));

        var response = await olga.PostAsync($"/api/pipelines/{id}/backfills", body);

        await ApiClient.AssertStatusAsync(HttpStatusCode.BadRequest, response);
        var problem = await ApiClient.JsonAsync(response);
        Assert.Equal(path, problem.GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task More_than_a_hundred_runs_at_once_answers_400_with_the_value_and_the_range_and_starts_nothing()
    {
        // Arrange
        var olga = await OperatorWithAsync(Daily("bf5"));

        // Act
        var response = await olga.PostAsync("/api/pipelines/bf5/backfills",
            """{ "from": "2026-03-01T00:00:00Z", "to": "2026-03-02T00:00:00Z", "maxActiveRuns": 101 }""");

        // Assert
        await ApiClient.AssertStatusAsync(HttpStatusCode.BadRequest, response);
        var error = (await ApiClient.JsonAsync(response)).GetProperty("errors")[0];
        Assert.Equal("$.maxActiveRuns", error.GetProperty("path").GetString());
        Assert.Equal("maxActiveRuns is 101; it must be 1 to 100.", error.GetProperty("message").GetString());
        var runs = await ApiClient.JsonAsync(await olga.GetAsync("/api/runs?pipeline=bf5"));
        Assert.Equal(0, runs.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_backfill_range_the_wrong_way_round_is_refused_in_the_runs_querys_words()
    {
        // Arrange
        var olga = await OperatorWithAsync(Daily("bf6"));
        const string from = "2026-03-02T00:00:00Z", to = "2026-03-01T00:00:00Z";

        // Act
        var backfill = await ApiClient.SingleErrorAsync(await olga.PostAsync("/api/pipelines/bf6/backfills",
            $$"""{ "from": "{{from}}", "to": "{{to}}" }"""));
        var runs = await ApiClient.SingleErrorAsync(await olga.GetAsync($"/api/runs?from={from}&to={to}"));

        // Assert: one rule, each layer answering at its own path.
        Assert.Equal(("$.to", "to"), (backfill.GetProperty("path").GetString(), runs.GetProperty("path").GetString()));
        Assert.Equal(runs.GetProperty("message").GetString(), backfill.GetProperty("message").GetString());
        Assert.Equal(runs.GetProperty("hint").GetString(), backfill.GetProperty("hint").GetString());
        Assert.StartsWith("'to' (", backfill.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
