using System.Net;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Endpoints;

/// <summary>
/// Request bodies are read as strictly as definitions: a misspelt field is a 400 naming it, never ignored, since an
/// ignored <c>"params"</c> starts a run with the default parameters and an ignored <c>"maxActive"</c> a backfill with
/// the default limit, and the caller would not know.
/// </summary>
public sealed class StrictRequestBodyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private async Task<ApiClient> EditorWithAsync(string id)
    {
        var erin = await ApiClient.LoginAsync(factory, "erin", ["data-eng"], ["editor"]);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created,
            await erin.PostAsync("/api/pipelines", Definitions.Echo(id, "data-eng")));
        return erin;
    }


    [Fact]
    public async Task A_trigger_with_a_misspelt_field_is_a_400_naming_it_and_starts_no_run()
    {
        var erin = await EditorWithAsync("sb-trigger");

        var response = await erin.PostAsync("/api/pipelines/sb-trigger/runs", """{ "params": { "day": "x" } }""");

        var error = await ApiClient.SingleErrorAsync(response);
        Assert.Equal("$.params", error.GetProperty("path").GetString());
        Assert.Contains("parameters", error.GetProperty("hint").GetString(), StringComparison.Ordinal);
        var runs = await ApiClient.JsonAsync(await erin.GetAsync("/api/runs?pipeline=sb-trigger"));
        Assert.Equal(0, runs.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_backfill_with_a_misspelt_field_is_a_400_listing_the_known_fields()
    {
        var erin = await EditorWithAsync("sb-backfill");
        const string body = """{ "from": "2026-03-01T00:00:00Z", "to": "2026-03-10T00:00:00Z", "maxActive": 5 }""";

        var error = await ApiClient.SingleErrorAsync(await erin.PostAsync("/api/pipelines/sb-backfill/backfills", body));

        Assert.Equal("$.maxActive", error.GetProperty("path").GetString());
        Assert.Contains("maxActiveRuns", error.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backfill_with_a_quoted_number_is_a_400_naming_the_field_and_starts_nothing()
    {
        var erin = await EditorWithAsync("sb-quoted");
        const string body = """{ "from": "2026-03-01T00:00:00Z", "to": "2026-03-10T00:00:00Z", "maxActiveRuns": "5" }""";

        var error = await ApiClient.SingleErrorAsync(await erin.PostAsync("/api/pipelines/sb-quoted/backfills", body));

        Assert.Equal("$.maxActiveRuns", error.GetProperty("path").GetString());
        Assert.Contains("without quotes", error.GetProperty("hint").GetString(), StringComparison.Ordinal);
        var runs = await ApiClient.JsonAsync(await erin.GetAsync("/api/runs?pipeline=sb-quoted"));
        Assert.Equal(0, runs.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/dev/token", "POST", """{ "user": "u", "groups": ["data-eng"], "role": ["admin"] }""", "role")]
    [InlineData("/api/groups/data-eng/secrets/SB_KEY", "PUT", """{ "value": "v", "expires": "2026-03-01" }""",
        "expires")]
    [InlineData("/api/pipelines/sb-other/runs", "POST", """{ "parameters": {}, "overlapp": "allow" }""", "overlapp")]
    public async Task Other_bodies_refuse_an_unknown_field_too(string path, string method, string body,
        string field)
    {
        var erin = await EditorWithAsync("sb-other-" + method.ToLowerInvariant() + field);
        path = path.Replace("sb-other", "sb-other-" + method.ToLowerInvariant() + field, StringComparison.Ordinal);

        var error = await ApiClient.SingleErrorAsync(await erin.SendJsonAsync(new HttpMethod(method), path, body));

        Assert.Equal("$." + field, error.GetProperty("path").GetString());
        Assert.Contains($"'{field}' is not a known property", error.GetProperty("message").GetString(),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sb-twice-group", """ "ownerGroup": "ops", "ownerGroup": "data-eng" """, """{ "command": "true" }""",
        "$.ownerGroup")]
    [InlineData("sb-twice-config", """ "ownerGroup": "data-eng" """, """{ "command": "true", "command": "false" }""",
        "$.tasks[0].config.command")]
    public async Task A_definition_that_gives_a_property_twice_is_a_400_naming_it_and_stores_nothing(string id,
        string owner, string config, string path)
    {
        // Readers disagree on which of two values counts (the first, the last, or a refusal), so a reviewer or a
        // deploy script reading the file could see another owner group or command than the one the host would run.
        var erin = await ApiClient.LoginAsync(factory, "erin", ["data-eng"], ["editor"]);

        var body = $$"""{ "id": "{{id}}", {{owner}}, "tasks": [{ "id": "t", "kind": "process", "config": {{config}} }] }""";

        var error = await ApiClient.SingleErrorAsync(await erin.SendJsonAsync(HttpMethod.Put, $"/api/pipelines/{id}",
            body));

        Assert.Equal(path, error.GetProperty("path").GetString());
        Assert.Contains("more than once", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        await ApiClient.AssertStatusAsync(HttpStatusCode.NotFound, await erin.GetAsync($"/api/pipelines/{id}"));
    }

    [Fact]
    public async Task A_trigger_that_gives_a_parameter_twice_is_a_400_naming_it_and_starts_no_run()
    {
        var erin = await ApiClient.LoginAsync(factory, "erin", ["data-eng"], ["editor"]);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created, await erin.PostAsync("/api/pipelines", """
            { "id": "sb-twice-param", "ownerGroup": "data-eng",
              "parameters": [{ "name": "day", "type": "string", "default": "monday" }],
              "tasks": [{ "id": "t", "kind": "process", "config": { "command": "echo", "args": ["{{ params.day }}"] } }] }
            """));

        var response = await erin.PostAsync("/api/pipelines/sb-twice-param/runs",
            """{ "parameters": { "day": "x", "day": "y" } }""");

        var error = await ApiClient.SingleErrorAsync(response);
        Assert.Equal("$.parameters.day", error.GetProperty("path").GetString());
        var runs = await ApiClient.JsonAsync(await erin.GetAsync("/api/runs?pipeline=sb-twice-param"));
        Assert.Equal(0, runs.GetProperty("items").GetArrayLength());
    }
}
