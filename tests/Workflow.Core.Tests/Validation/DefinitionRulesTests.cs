using Workflow.Validation;

namespace Workflow.Core.Tests.Validation;

/// <summary>Ids, owner groups, schedules and the config of each built-in task kind, checked when a definition is saved.</summary>
public class DefinitionRulesTests
{
    private static IReadOnlyList<ValidationError> Errors(string json, ValidationOptions? options = null) =>
        new PipelineValidator(options).ValidateJson(json, out _).Errors;

    private static string OneTask(string task, string id = "p", string group = "g") => $$"""
        { "id": "{{id}}", "ownerGroup": "{{group}}", "tasks": [ {{task}} ] }
        """;

    private const string Delay = """{ "id": "a", "kind": "delay", "config": { "duration": "1s" } }""";

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("...")]
    [InlineData("a/b")]
    [InlineData("tab\\there")]
    public void A_pipeline_id_that_is_not_path_safe_is_refused(string id)
    {
        var errors = Errors(OneTask(Delay, id: id));

        Assert.Equal("id", Assert.Single(errors).Path);
    }

    [Fact]
    public void A_task_id_of_dots_only_is_refused()
    {
        var errors = Errors(OneTask("""{ "id": "..", "kind": "delay", "config": { "duration": "1s" } }"""));

        Assert.Equal("tasks[0].id", Assert.Single(errors).Path);
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("bad\\u0007bell")]
    [InlineData("..")]
    [InlineData(" padded")]
    public void An_owner_group_that_is_not_path_safe_is_refused(string group)
    {
        var errors = Errors(OneTask(Delay, group: group));

        Assert.Equal("ownerGroup", Assert.Single(errors).Path);
    }

    [Fact]
    public void An_owner_group_over_100_characters_is_refused_and_a_readable_one_with_spaces_is_not()
    {
        var tooLong = Errors(OneTask(Delay, group: new string('g', 5000)));
        var spaced = Errors(OneTask(Delay, group: "Data Engineering"));

        Assert.Equal("ownerGroup", Assert.Single(tooLong).Path);
        Assert.Empty(spaced);
    }

    [Fact]
    public void A_cron_that_can_never_fire_is_refused()
    {
        var errors = Errors("""
            { "id": "p", "ownerGroup": "g", "schedules": [ { "cron": "0 0 31 2 *" } ],
              "tasks": [ { "id": "a", "kind": "delay", "config": { "duration": "1s" } } ] }
            """);

        var error = Assert.Single(errors);
        Assert.Equal("schedules[0].cron", error.Path);
        Assert.Contains("never fires", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "id": "a", "kind": "process" }""", "tasks[0].config")]
    [InlineData("""{ "id": "a", "kind": "process", "config": { "args": ["x"] } }""", "tasks[0].config.command")]
    [InlineData("""{ "id": "a", "kind": "process", "config": { "command": 7 } }""", "tasks[0].config.command")]
    [InlineData("""{ "id": "a", "kind": "process", "config": { "command": "sh", "args": "x" } }""", "tasks[0].config.args")]
    [InlineData("""{ "id": "a", "kind": "http", "config": { "method": "GET" } }""", "tasks[0].config.url")]
    [InlineData("""{ "id": "a", "kind": "http", "config": { "url": "ftp://x" } }""", "tasks[0].config.url")]
    [InlineData("""{ "id": "a", "kind": "http", "config": { "url": "http://x", "method": "GE T" } }""", "tasks[0].config.method")]
    [InlineData("""{ "id": "a", "kind": "http", "config": { "url": "http://x", "timeout": 1e308 } }""", "tasks[0].config.timeout")]
    [InlineData("""{ "id": "a", "kind": "http", "config": { "url": "http://x", "headers": { "X Key": "v" } } }""", "tasks[0].config.headers")]
    [InlineData("""{ "id": "a", "kind": "http", "config": { "url": "http://x", "headers": { "X": "a\r\nB: c" } } }""", "tasks[0].config.headers")]
    [InlineData("""{ "id": "a", "kind": "process", "config": { "command": "sh", "env": { "A=B": "x" } } }""", "tasks[0].config.env")]
    [InlineData("""{ "id": "a", "kind": "process", "config": { "command": "sh", "env": { "": "x" } } }""", "tasks[0].config.env")]
    [InlineData("""{ "id": "a", "kind": "delay", "config": {} }""", "tasks[0].config.duration")]
    [InlineData("""{ "id": "a", "kind": "delay", "config": { "duration": "99999999999d" } }""", "tasks[0].config.duration")]
    [InlineData("""{ "id": "a", "kind": "wait-until", "config": { "at": "tomorrow" } }""", "tasks[0].config.at")]
    [InlineData("""{ "id": "a", "kind": "wait-until", "config": { "at": "2027-01-01T06:00:00" } }""", "tasks[0].config.at")]
    [InlineData("""{ "id": "a", "kind": "code", "config": { "args": 1 } }""", "tasks[0].config.handler")]
    [InlineData("""{ "id": "a", "kind": "sub-pipeline", "config": {} }""", "tasks[0].config.pipelineId")]
    [InlineData("""{ "id": "a", "kind": "sub-pipeline", "config": { "pipelineId": "p" } }""", "tasks[0].config.pipelineId")]
    [InlineData("""{ "id": "a", "kind": "queue-drain", "config": { "maxMessages": 0, "queue": "q" } }""", "tasks[0].config.maxMessages")]
    [InlineData("""{ "id": "a", "kind": "process", "config": { "comand": "sh" } }""", "tasks[0].config.comand")]
    [InlineData("""{ "id": "a", "kind": "queue-drain", "config": { "queue": "Orders!" } }""", "tasks[0].config.queue")]
    [InlineData("""{ "id": "a", "kind": "queue-drain", "config": { "queue": "jobs-deadletter" } }""", "tasks[0].config.queue")]
    [InlineData("""{ "id": "a", "kind": "queue-drain", "config": { "queue": "jobs", "maxDeliveries": 0 } }""", "tasks[0].config.maxDeliveries")]
    [InlineData("""{ "id": "a", "kind": "queue-drain", "config": { "queue": "jobs", "visibilityTimeout": "soon" } }""", "tasks[0].config.visibilityTimeout")]
    public void A_built_in_task_whose_config_cannot_run_is_refused_at_the_fields_path(string task, string path)
    {
        var errors = Errors(OneTask(task));

        Assert.Contains(errors, e => e.Path == path);
    }

    [Fact]
    public void Header_names_that_are_tokens_and_environment_names_without_equals_are_accepted()
    {
        var errors = Errors(OneTask("""
            { "id": "a", "kind": "http", "config": { "url": "http://x",
              "headers": { "X-Api-Key": "{{ secrets.KEY }}", "Content-Type": "application/json" } } },
            { "id": "b", "kind": "process", "config": { "command": "sh", "env": { "PG_PASS": "x", "lower.case": "y" } } }
            """));

        Assert.Empty(errors);
    }

    [Fact]
    public void A_misspelt_config_field_suggests_the_known_one()
    {
        var errors = Errors(OneTask("""{ "id": "a", "kind": "process", "config": { "command": "sh", "workingDirectroy": "/tmp" } }"""));

        var error = Assert.Single(errors);
        Assert.Equal("tasks[0].config.workingDirectroy", error.Path);
        Assert.Equal("Did you mean 'workingDirectory'?", error.Hint);
    }

    [Fact]
    public void Code_handlers_and_child_pipelines_are_checked_when_the_caller_knows_them()
    {
        var options = new ValidationOptions
        {
            CodeHandlerExists = name => name == "Known",
            PipelineExists = id => id == "child",
        };
        var json = """
            { "id": "p", "ownerGroup": "g", "tasks": [
              { "id": "a", "kind": "code", "config": { "handler": "Known" } },
              { "id": "b", "kind": "code", "config": { "handler": "Unknown" } },
              { "id": "c", "kind": "sub-pipeline", "config": { "pipelineId": "child" } },
              { "id": "d", "kind": "sub-pipeline", "config": { "pipelineId": "missing" } } ] }
            """;

        var errors = Errors(json, options);

        Assert.Equal(["tasks[1].config.handler", "tasks[3].config.pipelineId"], errors.Select(e => e.Path));
    }

    [Fact]
    public void A_custom_kinds_config_is_left_to_its_handler()
    {
        var errors = Errors(OneTask("""{ "id": "a", "kind": "custom", "config": { "anything": 1 } }"""));

        Assert.Empty(errors);
    }

    [Fact]
    public void A_queue_drain_with_every_field_it_reads_is_accepted()
    {
        var errors = Errors(OneTask("""
            { "id": "a", "kind": "queue-drain", "config": { "queue": "small-jobs", "maxMessages": 25,
              "handler": "process-job", "maxDeliveries": 3, "visibilityTimeout": "2m", "maxDepth": 100,
              "maxOldestAge": "10m" } }
            """));

        Assert.Empty(errors);
    }
}
