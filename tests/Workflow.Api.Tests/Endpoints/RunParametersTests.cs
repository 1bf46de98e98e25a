using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Workflow.Api.Tests.Infrastructure;
using Workflow.Engine.Tests.Support;

namespace Workflow.Api.Tests.Endpoints;

/// <summary>
/// Typed run parameters through the real API of the embedded host: a value of each type reaches a real process
/// task's arguments (and environment and input file) and an http task's URL on a loopback listener, and a trigger
/// with a wrong type, an undeclared or a missing parameter is refused with a 400 naming it and stores nothing.
/// </summary>
public sealed class RunParametersTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private const string Given = """
        {"parameters": {"s": "eu west", "i": 42, "n": 2.5, "b": true, "a": [1, "x"], "o": {"k": "v"},
                        "d": "2026-03-01T02:00:00Z"}}
        """;

    private static readonly string[] Names = ["s", "i", "n", "b", "a", "o", "d", "opt"];

    // What each parameter renders as: strings as their text, everything else as its JSON text; opt is a default.
    private static readonly string[] Rendered =
        ["eu west", "42", "2.5", "true", "[1,\"x\"]", "{\"k\":\"v\"}", "2026-03-01T02:00:00Z", "fallback"];

    private readonly ConcurrentQueue<string[]> _calls = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("wf-params-").FullName;
    private TestHttpServer? _server;

    public async Task InitializeAsync() =>
        _server = await TestHttpServer.StartAsync(app => app.MapGet("/record", (HttpContext http) =>
        {
            _calls.Enqueue([.. Names.Select(n => http.Request.Query[n].ToString())]);
            return Results.Ok();
        }));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private string Pipeline(string id)
    {
        var args = string.Join(", ", Names.Select(n => $"\"{{{{ params.{n} }}}}\""));
        var query = string.Join("&", Names.Select(n => $"{n}={{{{ params.{n} }}}}"));
        var argsFile = Path.Combine(_folder, $"{id}.args");
        var inputFile = Path.Combine(_folder, $"{id}.input");
        const string env = "{{ params.s }}/{{ run.id }}";
        return $$"""
            {
              "id": "{{id}}",
              "ownerGroup": "data-eng",
              "parameters": [
                { "name": "s", "type": "string", "required": true },
                { "name": "i", "type": "integer", "required": true },
                { "name": "n", "type": "number", "required": true },
                { "name": "b", "type": "boolean", "required": true },
                { "name": "a", "type": "array", "required": true },
                { "name": "o", "type": "object", "required": true },
                { "name": "d", "type": "date-time", "required": true },
                { "name": "opt", "type": "string", "default": "fallback" }
              ],
              "tasks": [
                { "id": "args", "kind": "process", "config": {
                    "command": "sh",
                    "args": ["-c", "printf '%s\\n' \"$@\" \"$FROM_ENV\" > '{{argsFile}}'; cat \"$WF_INPUT_FILE\" > '{{inputFile}}'",
                             "sh", {{args}}],
                    "env": { "FROM_ENV": "{{env}}" } } },
                { "id": "call", "kind": "http", "config": { "url": "{{_server!.Url("/record")}}?{{query}}" } }
              ]
            }
            """;
    }

    private async Task<ApiClient> OperatorWithPipelineAsync(string id)
    {
        var editor = await ApiClient.LoginAsync(factory, "erin", ["data-eng"], ["editor"]);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created, await editor.PostAsync("/api/pipelines", Pipeline(id)));
        return await ApiClient.LoginAsync(factory, "olga", ["data-eng"], ["operator"]);
    }

    [Fact]
    public async Task A_parameter_of_each_type_reaches_a_process_tasks_arguments_and_an_http_tasks_url()
    {
        var olga = await OperatorWithPipelineAsync("rp-each");

        var response = await olga.PostAsync("/api/pipelines/rp-each/runs", Given);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Accepted, response);
        var runId = (await ApiClient.JsonAsync(response)).GetProperty("runId").GetString()!;
        var done = await olga.WaitForRunAsync(runId);

        Assert.Equal("succeeded", done.GetProperty("run").GetProperty("status").GetString());
        var lines = await File.ReadAllLinesAsync(Path.Combine(_folder, "rp-each.args"));
        Assert.Equal([.. Rendered, $"eu west/{runId}"], lines);
        var call = Assert.Single(_calls);
        Assert.Equal(Rendered, call);
        using var input = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "rp-each.input")));
        Assert.Equal(42, input.RootElement.GetProperty("$params").GetProperty("i").GetInt32());
        Assert.Equal(runId, input.RootElement.GetProperty("$run").GetProperty("id").GetString());
        var stored = done.GetProperty("run").GetProperty("parameters");
        Assert.Equal("fallback", stored.GetProperty("opt").GetString());
    }

    [Theory]
    [InlineData("i", "\"not-a-number\"", "'i'")]
    [InlineData("n", "\"2.5\"", "'n'")]
    [InlineData("d", "\"yesterday\"", "'d'")]
    [InlineData("b", "\"yes\"", "'b'")]
    [InlineData("a", "{}", "'a'")]
    [InlineData("zz", "1", "'zz' is not a parameter")]
    public async Task A_wrong_type_or_an_undeclared_name_is_a_400_naming_it_and_stores_no_run(string name,
        string value, string named)
    {
        var id = "rp-bad-" + name;
        var olga = await OperatorWithPipelineAsync(id);

        var response = await olga.PostAsync($"/api/pipelines/{id}/runs", Body(name, value));

        await ApiClient.AssertStatusAsync(HttpStatusCode.BadRequest, response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ApiClient.JsonAsync(response);
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal($"$.parameters.{name}", problem.GetProperty("errors")[0].GetProperty("path").GetString());
        await AssertNoRunsAsync(olga, id);
    }

    [Fact]
    public async Task A_missing_required_parameter_is_a_400_naming_it_and_stores_no_run()
    {
        var olga = await OperatorWithPipelineAsync("rp-missing");

        var response = await olga.PostAsync("/api/pipelines/rp-missing/runs", Body("n", null));

        await ApiClient.AssertStatusAsync(HttpStatusCode.BadRequest, response);
        var problem = await ApiClient.JsonAsync(response);
        Assert.Equal("$.parameters.n", problem.GetProperty("errors")[0].GetProperty("path").GetString());
        await AssertNoRunsAsync(olga, "rp-missing");
    }

    [Fact]
    public async Task A_template_naming_an_undeclared_parameter_is_refused_when_the_pipeline_is_saved()
    {
        var editor = await ApiClient.LoginAsync(factory, "erin", ["data-eng"], ["editor"]);
        var json = Pipeline("rp-template").Replace("{{ params.opt }}\"]", "{{ params.ghost }}\"]", StringComparison.Ordinal);

        var response = await editor.PostAsync("/api/pipelines", json);

        await ApiClient.AssertStatusAsync(HttpStatusCode.BadRequest, response);
        var error = (await ApiClient.JsonAsync(response)).GetProperty("errors")[0];
        Assert.Equal("$.tasks[0].config.args[10]", error.GetProperty("path").GetString());
        Assert.Contains("{{ params.ghost }}", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The good parameters with <paramref name="name"/> set to <paramref name="json"/>, or left out when null.</summary>
    private static string Body(string name, string? json)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
            JsonDocument.Parse(Given).RootElement.GetProperty("parameters").GetRawText())!;
        values.Remove(name);
        if (json is not null)
        {
            values[name] = JsonDocument.Parse(json).RootElement.Clone();
        }

        return JsonSerializer.Serialize(new { parameters = values });
    }

    private static async Task AssertNoRunsAsync(ApiClient client, string pipelineId)
    {
        var page = await ApiClient.JsonAsync(await client.GetAsync($"/api/runs?pipeline={pipelineId}"));
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
    }
}
