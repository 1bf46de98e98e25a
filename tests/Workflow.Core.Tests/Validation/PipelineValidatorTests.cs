using System.Text.Json;
using Workflow.Model;
using Workflow.Validation;

namespace Workflow.Core.Tests.Validation;

public class PipelineValidatorTests
{
    // A delay needs its duration; the config is shared, as definitions are never changed in place.
    private static readonly JsonElement OneSecond = JsonDocument.Parse("""{ "duration": "1s" }""").RootElement;

    private static TaskDefinition T(string id, params string[] after) =>
        new() { Id = id, Kind = "delay", Config = OneSecond, DependsOn = after };

    private static PipelineDefinition P(params TaskDefinition[] tasks) =>
        new() { Id = "p", OwnerGroup = "data-eng", Tasks = tasks };

    private static ValidationResult Validate(PipelineDefinition p, ValidationOptions? options = null) =>
        new PipelineValidator(options).Validate(p);

    [Fact]
    public void A_well_formed_pipeline_is_valid()
    {
        var result = Validate(P(T("a"), T("b", "a"), T("c", "a", "b")));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void One_pass_reports_every_problem_with_its_path()
    {
        var broken = P(T("a"), T("a"), T("bad id!"), T("c", "ghost", "c"), T("d", "e"), T("e", "d")) with
        {
            OwnerGroup = "",
            Concurrency = new ConcurrencyPolicy { MaxParallelTasks = 0 },
        };

        var result = Validate(broken);

        Assert.False(result.IsValid);
        Assert.Equal(
            ["ownerGroup", "concurrency.maxParallelTasks", "tasks[1].id", "tasks[2].id",
             "tasks[3].dependsOn[0]", "tasks[3].dependsOn[1]", "tasks[5].dependsOn[0]"],
            result.Errors.Select(e => e.Path));
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void A_cycle_is_printed_from_end_to_end()
    {
        var result = Validate(P(T("a", "c"), T("b", "a"), T("c", "b"), T("x")));

        var error = Assert.Single(result.Errors);
        Assert.Contains("a -> b -> c -> a", error.Message, StringComparison.Ordinal);
        Assert.Equal("tasks[1].dependsOn[0]", error.Path);
    }

    [Fact]
    public void Disjoint_cycles_are_each_reported()
    {
        var result = Validate(P(T("a", "b"), T("b", "a"), T("c", "d"), T("d", "c")));

        Assert.Equal(2, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.Message.Contains("a -> b -> a", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Message.Contains("c -> d -> c", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_dependency_suggests_the_closest_id()
    {
        var result = Validate(P(T("extract-orders"), T("load", "extract-order")));

        var error = Assert.Single(result.Errors);
        Assert.Equal("tasks[1].dependsOn[0]", error.Path);
        Assert.Contains("'extract-order'", error.Message, StringComparison.Ordinal);
        Assert.Equal("Did you mean 'extract-orders'?", error.Hint);
    }

    [Fact]
    public void Self_and_repeated_dependencies_are_reported()
    {
        var result = Validate(P(T("a"), T("b", "b", "a", "a")));

        Assert.Equal(["tasks[1].dependsOn[0]", "tasks[1].dependsOn[2]"], result.Errors.Select(e => e.Path));
        Assert.Contains("itself", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_in_a_long_dependency_list_are_reported_at_their_place()
    {
        // Past eight entries repeats are found by index rather than by scanning the list.
        string[] upstream = ["u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"];
        var result = Validate(P([.. upstream.Select(id => T(id)),
            T("join", [.. upstream, "u3", "join", "ghost", "", "u9"])]));

        Assert.Equal(
            ["tasks[10].dependsOn[10]", "tasks[10].dependsOn[11]", "tasks[10].dependsOn[12]",
             "tasks[10].dependsOn[13]", "tasks[10].dependsOn[14]"],
            result.Errors.Select(e => e.Path));
        Assert.Equal(
            ["'u3' is listed twice in dependsOn.", "The task 'join' depends on itself.",
             "The task 'join' depends on 'ghost', which is not a task of this pipeline.", "The dependency is empty.",
             "'u9' is listed twice in dependsOn."],
            result.Errors.Select(e => e.Message));
    }

    [Fact]
    public void Errors_come_out_in_the_order_of_the_checks_when_dependencies_name_later_tasks()
    {
        // One pass reads each task once: a task's dependencies are resolved right after its id is added, until one
        // names a later task ('c' in tasks[0]); from there they are resolved after the last id, and the errors of
        // the row checked before that point are not reported twice.
        var untemplated = new TaskDefinition
        {
            Id = "d",
            Kind = "",
            Config = JsonDocument.Parse("""{ "x": "{{ params.ghost }}" }""").RootElement,
        };
        var result = Validate(P(T("a", "a", "c", "b"), T("b", "c", "c"), T("c", "ghost"), untemplated));

        Assert.Equal(
            ["tasks[3].config.x", "tasks[3].kind", "tasks[0].dependsOn[0]", "tasks[1].dependsOn[1]",
             "tasks[2].dependsOn[0]"],
            result.Errors.Select(e => e.Path));
        Assert.Equal(
            ["The task 'a' depends on itself.", "'c' is listed twice in dependsOn.",
             "The task 'c' depends on 'ghost', which is not a task of this pipeline."],
            result.Errors.Skip(2).Select(e => e.Message));
    }

    [Fact]
    public void A_long_dependency_list_that_names_a_later_task_is_checked_once_whole()
    {
        // The first ten entries are accepted before 'later' is met; checked again after every id, they are not
        // repeats of themselves, while the second 'u3' is.
        string[] upstream = ["u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"];
        var result = Validate(P([.. upstream.Select(id => T(id)), T("join", [.. upstream, "later", "u3"]),
            T("later")]));

        var error = Assert.Single(result.Errors);
        Assert.Equal("tasks[10].dependsOn[11]", error.Path);
        Assert.Equal("'u3' is listed twice in dependsOn.", error.Message);
    }

    [Fact]
    public void The_error_limit_counts_the_errors_of_every_check_in_their_order()
    {
        var templated = new TaskDefinition
        {
            Id = "b",
            Kind = "",
            DependsOn = ["ghost"],
            Config = JsonDocument.Parse("""{ "x": "{{ params.ghost }}" }""").RootElement,
        };

        var result = Validate(P(T("a", "a"), templated), new ValidationOptions { MaxErrors = 2 });

        Assert.Equal(["tasks[1].config.x", "tasks[1].kind", ""], result.Errors.Select(e => e.Path));
        Assert.Equal("2 more problems were found but not listed.", result.Errors[^1].Message);
    }

    [Fact]
    public void A_task_with_a_repeated_id_keeps_its_own_dependencies()
    {
        var result = Validate(P(T("a"), T("b", "a"), T("b", "a", "b"), T("c", "b")));

        Assert.Equal(["tasks[2].id", "tasks[2].dependsOn[1]"], result.Errors.Select(e => e.Path));
        Assert.Contains("also used by tasks[1]", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("itself", result.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_pipeline_and_a_bad_pipeline_id_are_reported()
    {
        var result = Validate(new PipelineDefinition { Id = "sales weekly", OwnerGroup = "g" });

        Assert.Equal(["id", "tasks"], result.Errors.Select(e => e.Path));
        Assert.Contains("' '", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("A-b_c.9")]
    public void Ids_of_letters_digits_dashes_underscores_and_dots_are_valid(string id) =>
        Assert.True(Identifiers.IsValid(id));

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("é")]
    public void Other_ids_are_not(string id) => Assert.False(Identifiers.IsValid(id));

    [Fact]
    public void An_id_of_101_characters_is_too_long() =>
        Assert.False(Identifiers.IsValid(new string('x', 101)));

    [Fact]
    public void Retry_and_timeout_values_out_of_range_are_reported_per_field()
    {
        var task = T("a") with
        {
            Retry = new RetryPolicy
            {
                MaxAttempts = 0,
                InitialDelay = TimeSpan.FromSeconds(-1),
                BackoffCoefficient = 0.5,
                Jitter = 2,
                MaxDelay = TimeSpan.FromDays(3),
            },
            Timeout = TimeSpan.Zero,
        };

        var result = Validate(P(task));

        Assert.Equal(
            ["tasks[0].retry.maxAttempts", "tasks[0].retry.initialDelay", "tasks[0].retry.maxDelay",
             "tasks[0].retry.backoffCoefficient", "tasks[0].retry.jitter", "tasks[0].timeout"],
            result.Errors.Select(e => e.Path));
    }

    [Fact]
    public void A_map_over_a_task_that_is_not_upstream_is_reported()
    {
        var result = Validate(P(
            T("list"), T("side"), T("mid", "list"),
            T("each", "mid") with { Map = new MapSpec { Over = "list" } },
            T("wrong", "mid") with { Map = new MapSpec { Over = "side" } }));

        var error = Assert.Single(result.Errors);
        Assert.Equal("tasks[4].map.over", error.Path);
        Assert.Contains("not upstream", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_task_kinds_are_checked_against_the_registered_kinds()
    {
        var options = new ValidationOptions().WithTaskKinds("http", "process", "delay");

        var result = Validate(P(T("a"), T("b") with { Kind = "proces" }), options);

        var error = Assert.Single(result.Errors);
        Assert.Equal("tasks[1].kind", error.Path);
        Assert.Contains("Did you mean 'process'?", error.Hint, StringComparison.Ordinal);
        Assert.Contains("delay, http, process", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void The_task_limit_is_configurable()
    {
        var result = Validate(P(T("a"), T("b"), T("c")), new ValidationOptions { MaxTasks = 2 });

        var error = Assert.Single(result.Errors);
        Assert.Equal("tasks", error.Path);
        Assert.Contains("limit is 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_past_the_limit_are_summarized_instead_of_listed()
    {
        var tasks = Enumerable.Range(0, 50).Select(i => T($"t{i}", "ghost")).ToArray();

        var result = Validate(P(tasks), new ValidationOptions { MaxErrors = 10 });

        Assert.Equal(11, result.Errors.Count);
        Assert.Contains("40 more", result.Errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfInvalid_throws_an_exception_carrying_every_error()
    {
        var result = Validate(P(T("a", "x"), T("b", "y")));

        var exception = Assert.Throws<PipelineValidationException>(result.ThrowIfInvalid);

        Assert.Equal(2, exception.Errors.Count);
        Assert.Contains("tasks[1].dependsOn[0]", exception.Message, StringComparison.Ordinal);
    }
}
