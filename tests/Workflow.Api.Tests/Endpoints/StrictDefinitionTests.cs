using System.Net;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Endpoints;

/// <summary>What the API refuses at save because it could not run: misspelt fields, unknown handlers and children.</summary>
public sealed class StrictDefinitionTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private Task<ApiClient> EditorAsync() => ApiClient.LoginAsync(factory, "erin", ["data-eng"], ["editor"]);


    [Fact]
    public async Task A_misspelt_depends_on_answers_400_with_the_known_spelling_and_stores_nothing()
    {
        var erin = await EditorAsync();
        var json = Definitions.Echo("sd1", "data-eng").Replace("\"dependsOn\"", "\"depends_on\"", StringComparison.Ordinal);

        var error = await ApiClient.SingleErrorAsync(await erin.PostAsync("/api/pipelines", json));

        Assert.Equal("$.tasks[1].depends_on", error.GetProperty("path").GetString());
        Assert.Equal("Did you mean 'dependsOn'?", error.GetProperty("hint").GetString());
        // Placed where the misspelt name is written, not where the reader stopped (the end of the task or document).
        var at = json.IndexOf("\"depends_on\"", StringComparison.Ordinal);
        var line = json[..at].Count(c => c == '\n') + 1;
        var column = at - (json.LastIndexOf('\n', at) + 1) + 1;
        Assert.Contains($"(line {line}, column {column})", error.GetProperty("message").GetString(),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await erin.GetAsync("/api/pipelines/sd1")).StatusCode);
    }

    [Fact]
    public async Task A_quoted_number_answers_400_naming_the_field_and_stores_nothing()
    {
        var erin = await EditorAsync();
        var json = Definitions.Echo("sd-quoted", "data-eng").Replace("\"dependsOn\": [\"say\"]",
            "\"dependsOn\": [\"say\"], \"retry\": { \"maxAttempts\": \"3\" }", StringComparison.Ordinal);

        var error = await ApiClient.SingleErrorAsync(await erin.SendJsonAsync(HttpMethod.Put, "/api/pipelines/sd-quoted", json));

        Assert.Equal("$.tasks[1].retry.maxAttempts", error.GetProperty("path").GetString());
        Assert.Contains("whole number", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await erin.GetAsync("/api/pipelines/sd-quoted")).StatusCode);
    }

    [Fact]
    public async Task A_code_task_naming_an_unregistered_handler_is_refused_and_a_registered_one_is_accepted()
    {
        var erin = await EditorAsync();
        static string Code(string id, string handler) => $$"""
            { "id": "{{id}}", "ownerGroup": "data-eng",
              "tasks": [ { "id": "c", "kind": "code", "config": { "handler": "{{handler}}" } } ] }
            """;

        var missing = await ApiClient.SingleErrorAsync(await erin.PostAsync("/api/pipelines", Code("sd2", "NoSuchHandler")));
        var known = await erin.PostAsync("/api/pipelines", Code("sd2b", ValidBases.CodeHandler));

        Assert.Equal("$.tasks[0].config.handler", missing.GetProperty("path").GetString());
        Assert.Contains("NoSuchHandler", missing.GetProperty("message").GetString(), StringComparison.Ordinal);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created, known);
    }

    [Fact]
    public async Task A_sub_pipeline_task_is_accepted_only_once_its_child_exists()
    {
        var erin = await EditorAsync();
        var parent = """
            { "id": "sd3-parent", "ownerGroup": "data-eng",
              "tasks": [ { "id": "child", "kind": "sub-pipeline", "config": { "pipelineId": "sd3-child" } } ] }
            """;

        var before = await ApiClient.SingleErrorAsync(await erin.PostAsync("/api/pipelines", parent));
        await erin.PostAsync("/api/pipelines", Definitions.Echo("sd3-child", "data-eng"));
        var after = await erin.PostAsync("/api/pipelines", parent);

        Assert.Equal("$.tasks[0].config.pipelineId", before.GetProperty("path").GetString());
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created, after);
    }

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("1e308")]
    [InlineData("\"99999999d\"")]
    public async Task A_timeout_too_large_for_a_duration_answers_400_not_500(string timeout)
    {
        var erin = await EditorAsync();
        var json = $$"""
            { "id": "sd4", "ownerGroup": "data-eng",
              "tasks": [ { "id": "a", "kind": "process", "timeout": {{timeout}}, "config": { "command": "true" } } ] }
            """;

        var error = await ApiClient.SingleErrorAsync(await erin.PostAsync("/api/pipelines", json));

        Assert.Equal("$.tasks[0].timeout", error.GetProperty("path").GetString());
    }
}
