using System.Net;
using System.Text.Json;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Endpoints;

/// <summary>
/// <c>GET /api/pipelines/{id}/outline</c>: what wf needs of a definition (parameter types, task dependencies,
/// expected durations), read by the server's own definition rules so that the client needs none of them.
/// </summary>
public sealed class PipelineOutlineTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Definition = """
        { "id": "ol-etl", "ownerGroup": "data-eng",
          "parameters": [
            { "name": "day", "type": "date-time", "required": true },
            { "name": "batch", "type": "integer", "default": 50, "description": "rows per batch" },
            { "name": "label" } ],
          "tasks": [
            { "id": "extract", "kind": "delay", "config": { "duration": "1s" }, "expectedDuration": "1m30s" },
            { "id": "load", "kind": "delay", "config": { "duration": "1s" }, "dependsOn": ["extract"],
              "expectedDuration": "PT2M" },
            { "id": "publish", "kind": "delay", "config": { "duration": "1s" }, "dependsOn": ["load"] } ] }
        """;

    [Fact]
    public async Task The_outline_names_each_parameter_with_its_type_and_each_task_with_its_dependencies()
    {
        // Arrange
        var erin = await ApiClient.LoginAsync(factory, "erin", ["data-eng"], ["editor"]);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created, await erin.PostAsync("/api/pipelines", Definition));
        var vic = await ApiClient.LoginAsync(factory, "vic", ["data-eng"], ["viewer"]);

        // Act
        var response = await vic.GetAsync("/api/pipelines/ol-etl/outline");

        // Assert
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, response);
        var outline = await ApiClient.JsonAsync(response);
        Assert.Equal("ol-etl", outline.GetProperty("pipelineId").GetString());
        Assert.Equal(1, outline.GetProperty("version").GetInt32());
        var parameters = outline.GetProperty("parameters").EnumerateArray().ToList();
        Assert.Equal(["day:date-time:True", "batch:integer:False", "label:string:False"],
            parameters.Select(p => $"{Text(p, "name")}:{Text(p, "type")}:{p.GetProperty("required").GetBoolean()}"));
        Assert.Equal(50, parameters[1].GetProperty("default").GetInt32());
        Assert.Equal("rows per batch", Text(parameters[1], "description"));
        var tasks = outline.GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal(["extract<", "load<extract", "publish<load"],
            tasks.Select(t => $"{Text(t, "id")}<{string.Join(',', t.GetProperty("dependsOn").EnumerateArray()
                .Select(d => d.GetString()))}"));
        Assert.Equal(90, tasks[0].GetProperty("expectedSeconds").GetDouble());
        Assert.Equal(120, tasks[1].GetProperty("expectedSeconds").GetDouble());
        Assert.False(tasks[2].TryGetProperty("expectedSeconds", out _));
    }

    [Fact]
    public async Task An_earlier_version_has_its_own_outline_and_a_hidden_or_unknown_pipeline_answers_404()
    {
        // Arrange
        var erin = await ApiClient.LoginAsync(factory, "erin", ["data-eng"], ["editor"]);
        var first = Definition.Replace("ol-etl", "ol-two", StringComparison.Ordinal);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created, await erin.PostAsync("/api/pipelines", first));
        var second = first.Replace("\"name\": \"label\"", "\"name\": \"tag\"", StringComparison.Ordinal);
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK,
            await erin.SendJsonAsync(HttpMethod.Put, "/api/pipelines/ol-two", second, "\"v1\""));
        var otto = await ApiClient.LoginAsync(factory, "otto", ["other"], ["editor"]);

        // Act
        var current = await ApiClient.JsonAsync(await erin.GetAsync("/api/pipelines/ol-two/outline"));
        var earlier = await ApiClient.JsonAsync(await erin.GetAsync("/api/pipelines/ol-two/outline?version=1"));
        var hidden = await otto.GetAsync("/api/pipelines/ol-two/outline");
        var unknown = await erin.GetAsync("/api/pipelines/ol-none/outline");
        var badVersion = await erin.GetAsync("/api/pipelines/ol-two/outline?version=x");

        // Assert
        Assert.Equal(2, current.GetProperty("version").GetInt32());
        Assert.Equal("tag", Text(current.GetProperty("parameters")[2], "name"));
        Assert.Equal(1, earlier.GetProperty("version").GetInt32());
        Assert.Equal("label", Text(earlier.GetProperty("parameters")[2], "name"));
        await ApiClient.AssertStatusAsync(HttpStatusCode.NotFound, hidden);
        await ApiClient.AssertStatusAsync(HttpStatusCode.NotFound, unknown);
        await ApiClient.AssertStatusAsync(HttpStatusCode.BadRequest, badVersion);
    }

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();
}
