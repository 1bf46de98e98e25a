using System.Net;
using System.Text.Json;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Endpoints;

/// <summary>One host for the class; each test works on pipeline ids of its own.</summary>
public sealed class PipelineEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory = factory;

    private Task<ApiClient> EditorAsync() => ApiClient.LoginAsync(_factory, "erin", ["data-eng"], ["editor"]);

    [Fact]
    public async Task Creating_a_pipeline_answers_201_with_etag_and_location_and_it_reads_back()
    {
        var erin = await EditorAsync();

        var created = await erin.PostAsync("/api/pipelines", Definitions.Echo("pe1-p1", "data-eng"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"v1\"", created.Headers.ETag!.ToString());
        Assert.Equal("/api/pipelines/pe1-p1", created.Headers.Location!.ToString());
        var read = await erin.GetAsync("/api/pipelines/pe1-p1");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"v1\"", read.Headers.ETag!.ToString());
        var body = await ApiClient.JsonAsync(read);
        Assert.Equal("data-eng", body.GetProperty("ownerGroup").GetString());
        Assert.Equal("say", body.GetProperty("tasks")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Creating_an_existing_id_answers_409_and_keeps_the_first()
    {
        var erin = await EditorAsync();
        await erin.PostAsync("/api/pipelines", Definitions.Echo("pe2-p1", "data-eng", "first"));

        var again = await erin.PostAsync("/api/pipelines", Definitions.Echo("pe2-p1", "data-eng", "second"));
        var otto = await ApiClient.LoginAsync(_factory, "otto", ["other"], ["editor"]);
        var hidden = await otto.PostAsync("/api/pipelines", Definitions.Echo("pe2-p1", "other", "third"));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        // The refusal names the way to change the pipeline, but not its version: the caller may not see it.
        var detail = (await ApiClient.JsonAsync(hidden)).GetProperty("detail").GetString()!;
        Assert.Equal(HttpStatusCode.Conflict, hidden.StatusCode);
        Assert.Contains("PUT /api/pipelines/pe2-p1", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("version", detail, StringComparison.OrdinalIgnoreCase);
        var versions = await ApiClient.JsonAsync(await erin.GetAsync("/api/pipelines/pe2-p1/versions"));
        Assert.Equal(1, versions.GetArrayLength());
        var audit = await ApiClient.JsonAsync(await erin.GetAsync("/api/audit"));
        Assert.Single(audit.EnumerateArray(), e => e.GetProperty("target").GetString() == "pe2-p1");
    }

    [Fact]
    public async Task An_update_needs_if_match_and_a_stale_one_is_refused_while_a_fresh_one_makes_a_version()
    {
        var erin = await EditorAsync();
        await erin.PostAsync("/api/pipelines", Definitions.Echo("pe3-p1", "data-eng", "pe3-one"));
        var changed = Definitions.Echo("pe3-p1", "data-eng", "pe3-two");

        var missing = await erin.SendJsonAsync(HttpMethod.Put, "/api/pipelines/pe3-p1", changed);
        var fresh = await erin.SendJsonAsync(HttpMethod.Put, "/api/pipelines/pe3-p1", changed, ifMatch: "\"v1\"");
        var stale = await erin.SendJsonAsync(HttpMethod.Put, "/api/pipelines/pe3-p1",
            Definitions.Echo("pe3-p1", "data-eng", "three"), ifMatch: "\"v1\"");

        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("\"v2\"", fresh.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType!.MediaType);
        var versions = await ApiClient.JsonAsync(await erin.GetAsync("/api/pipelines/pe3-p1/versions"));
        Assert.Equal([2, 1], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal("erin", versions[0].GetProperty("updatedBy").GetString());
        var old = await ApiClient.JsonAsync(await erin.GetAsync("/api/pipelines/pe3-p1?version=1"));
        Assert.Contains("echo pe3-one", old.GetProperty("tasks")[0].GetProperty("config").GetRawText(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unchanged_put_answers_200_with_the_same_version_and_writes_no_version_or_audit_entry()
    {
        var erin = await EditorAsync();
        await erin.PostAsync("/api/pipelines", Definitions.Echo("pe3b-p1", "data-eng"));

        var same = await erin.SendJsonAsync(HttpMethod.Put, "/api/pipelines/pe3b-p1",
            Definitions.Echo("pe3b-p1", "data-eng"), ifMatch: "\"v1\"");
        var changed = await erin.SendJsonAsync(HttpMethod.Put, "/api/pipelines/pe3b-p1",
            Definitions.Echo("pe3b-p1", "data-eng", "other"), ifMatch: "\"v1\"");

        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal("\"v1\"", same.Headers.ETag!.ToString());
        Assert.Equal("true", Assert.Single(same.Headers.GetValues("Workflow-Unchanged")));
        Assert.Equal(1, (await ApiClient.JsonAsync(same)).GetProperty("version").GetInt32());
        Assert.Equal("\"v2\"", changed.Headers.ETag!.ToString());
        Assert.False(changed.Headers.Contains("Workflow-Unchanged"));
        var versions = await ApiClient.JsonAsync(await erin.GetAsync("/api/pipelines/pe3b-p1/versions"));
        Assert.Equal([2, 1], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        var audit = await ApiClient.JsonAsync(await erin.GetAsync("/api/audit"));
        var actions = audit.EnumerateArray().Where(e => e.GetProperty("target").GetString() == "pe3b-p1")
            .Select(e => e.GetProperty("action").GetString());
        Assert.Equal(["pipeline.update", "pipeline.create"], actions);
    }

    [Fact]
    public async Task Put_of_a_new_id_creates_it_without_if_match()
    {
        var erin = await EditorAsync();

        var put = await erin.SendJsonAsync(HttpMethod.Put, "/api/pipelines/pe4-fresh", Definitions.Echo("pe4-fresh", "data-eng"));

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await erin.GetAsync("/api/pipelines/pe4-fresh")).StatusCode);
    }

    [Fact]
    public async Task An_invalid_definition_answers_400_with_per_field_errors_and_stores_nothing()
    {
        var erin = await EditorAsync();
        const string json = """
            {
              "id": "pe5-bad",
              "ownerGroup": "data-eng",
              "tasks": [
                { "id": "a", "kind": "process", "dependsOn": ["b"], "config": { "command": "true" } },
                { "id": "b", "kind": "process", "dependsOn": ["a"], "config": { "command": "true" } },
                { "id": "c", "kind": "process", "dependsOn": ["nope"], "config": { "command": "true" } }
              ]
            }
            """;

        var response = await erin.PostAsync("/api/pipelines", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ApiClient.JsonAsync(response);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("path").GetString()!.Contains("tasks[2].dependsOn",
            StringComparison.Ordinal));
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("message").GetString())));
        Assert.Equal(HttpStatusCode.NotFound, (await erin.GetAsync("/api/pipelines/pe5-bad")).StatusCode);
    }

    [Theory]
    [InlineData("{\"id\": \"x\", \"ownerGroup\": \"data-eng\", \"tasks\": [ {\"id\": 1,, } ] }", "$.tasks")]
    [InlineData("{\"id\": \"x\", \"ownerGroup\": \"data-eng\", \"defaults\": {\"timeout\": \"soon\"}, \"tasks\": []}",
        "$.defaults.timeout")]
    [InlineData("{\"id\": \"x\", \"ownerGroup\": \"data-eng\", \"concurrency\": {\"overlap\": \"sometimes\"}, \"tasks\": []}",
        "$.concurrency.overlap")]
    [InlineData("[1, 2, 3]", "$")]
    public async Task Malformed_json_answers_400_naming_the_json_path_and_stores_nothing(string json, string path)
    {
        var erin = await EditorAsync();

        var response = await erin.PostAsync("/api/pipelines", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ApiClient.JsonAsync(response);
        var error = problem.GetProperty("errors")[0];
        Assert.StartsWith(path, error.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await erin.GetAsync("/api/pipelines/x")).StatusCode);
    }

    [Fact]
    public async Task A_body_id_that_differs_from_the_url_is_refused()
    {
        var erin = await EditorAsync();

        var response = await erin.SendJsonAsync(HttpMethod.Put, "/api/pipelines/pe7-one", Definitions.Echo("pe7-two", "data-eng"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ApiClient.JsonAsync(response);
        Assert.Equal("$.id", problem.GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await erin.GetAsync("/api/pipelines/pe7-one")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await erin.GetAsync("/api/pipelines/pe7-two")).StatusCode);
    }

    [Fact]
    public async Task Delete_with_a_stale_if_match_is_refused_and_with_none_removes_it()
    {
        var erin = await EditorAsync();
        await erin.PostAsync("/api/pipelines", Definitions.Echo("pe8-p1", "data-eng"));

        var stale = await erin.SendJsonAsync(HttpMethod.Delete, "/api/pipelines/pe8-p1", null, ifMatch: "\"v7\"");
        var stillThere = await erin.GetAsync("/api/pipelines/pe8-p1");
        var deleted = await erin.SendJsonAsync(HttpMethod.Delete, "/api/pipelines/pe8-p1", null);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await erin.GetAsync("/api/pipelines/pe8-p1")).StatusCode);
    }

    [Fact]
    public async Task Disable_and_enable_flip_the_flag_in_a_new_version()
    {
        var erin = await EditorAsync();
        await erin.PostAsync("/api/pipelines", Definitions.Echo("pe9-p1", "data-eng"));

        var disabled = await ApiClient.JsonAsync(await erin.PostAsync("/api/pipelines/pe9-p1/disable"));
        var listed = (await ApiClient.JsonAsync(await erin.GetAsync("/api/pipelines"))).EnumerateArray()
            .Single(p => p.GetProperty("id").GetString() == "pe9-p1");
        var enabled = await ApiClient.JsonAsync(await erin.PostAsync("/api/pipelines/pe9-p1/enable"));

        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        Assert.Equal(2, disabled.GetProperty("version").GetInt32());
        Assert.False(listed.GetProperty("enabled").GetBoolean());
        Assert.True(enabled.GetProperty("enabled").GetBoolean());
        Assert.Equal(3, enabled.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task The_list_shows_schedules_next_fire_time_and_the_last_run()
    {
        var erin = await EditorAsync();
        await erin.PostAsync("/api/pipelines", Definitions.Echo("pe10-p1", "data-eng"));
        var trigger = await ApiClient.JsonAsync(await erin.PostAsync("/api/pipelines/pe10-p1/runs", "{}"));
        await erin.WaitForRunAsync(trigger.GetProperty("runId").GetString()!);

        var list = await ApiClient.JsonAsync(await erin.GetAsync("/api/pipelines"));

        var row = Assert.Single(list.EnumerateArray(), r => r.GetProperty("id").GetString() == "pe10-p1");
        Assert.Equal("pe10-p1", row.GetProperty("id").GetString());
        Assert.Equal("cron", row.GetProperty("schedules")[0].GetProperty("kind").GetString());
        Assert.Equal(DayOfWeek.Monday, row.GetProperty("nextFireTime").GetDateTimeOffset().DayOfWeek);
        Assert.Equal("succeeded", row.GetProperty("lastRun").GetProperty("status").GetString());
        Assert.Equal(1, row.GetProperty("recentDurations").GetArrayLength());
    }

    [Fact]
    public async Task Schedule_preview_gives_utc_and_local_times_across_a_dst_change()
    {
        var erin = await EditorAsync();
        await erin.PostAsync("/api/pipelines", Definitions.Echo("pe11-p1", "data-eng"));

        var response = await erin.GetAsync("/api/pipelines/pe11-p1/schedule/preview?count=30");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await ApiClient.JsonAsync(response)).EnumerateArray().ToList();
        Assert.Equal(30, items.Count);
        foreach (var item in items)
        {
            var local = item.GetProperty("local").GetDateTimeOffset();
            Assert.Equal(item.GetProperty("utc").GetDateTimeOffset(), local);
            Assert.Equal(new TimeSpan(2, 0, 0), local.TimeOfDay);
            Assert.Equal(DayOfWeek.Monday, local.DayOfWeek);
            Assert.Equal("Europe/Berlin", item.GetProperty("timeZone").GetString());
        }

        // Thirty weeks always span a change between CET (+1) and CEST (+2).
        Assert.Equal(2, items.Select(i => i.GetProperty("local").GetDateTimeOffset().Offset).Distinct().Count());
    }

    [Theory]
    [InlineData("/api/pipelines/pe12-p1/schedule/preview?count=0", "count")]
    [InlineData("/api/pipelines/pe12-p1/schedule/preview?count=abc", "count")]
    [InlineData("/api/pipelines/pe12-p1/schedule/preview?count=101", "count")]
    [InlineData("/api/pipelines/pe12-p1?version=-1", "version")]
    public async Task A_bad_query_value_answers_400_naming_the_parameter(string path, string name)
    {
        var erin = await EditorAsync();
        await erin.PostAsync("/api/pipelines", Definitions.Echo("pe12-p1", "data-eng"));

        var response = await erin.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ApiClient.JsonAsync(response);
        Assert.Equal(name, problem.GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task Every_change_is_in_the_audit_log_with_who_and_what()
    {
        var erin = await EditorAsync();
        await erin.PostAsync("/api/pipelines", Definitions.Echo("pe13-p1", "data-eng"));
        await erin.SendJsonAsync(HttpMethod.Put, "/api/pipelines/pe13-p1", Definitions.Echo("pe13-p1", "data-eng", "x"), "\"v1\"");
        await erin.PostAsync("/api/pipelines/pe13-p1/disable");
        await erin.SendJsonAsync(HttpMethod.Delete, "/api/pipelines/pe13-p1", null);

        var audit = await ApiClient.JsonAsync(await erin.GetAsync("/api/audit"));

        var mine = audit.EnumerateArray().Where(e => e.GetProperty("target").GetString() == "pe13-p1").ToList();
        var actions = mine.Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["pipeline.delete", "pipeline.disable", "pipeline.update", "pipeline.create"], actions);
        Assert.All(mine, e =>
        {
            Assert.Equal("erin", e.GetProperty("actor").GetString());
            Assert.Equal("pe13-p1", e.GetProperty("target").GetString());
            Assert.Equal(JsonValueKind.String, e.GetProperty("at").ValueKind);
        });
    }
}
