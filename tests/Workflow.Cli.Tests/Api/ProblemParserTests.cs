using Workflow.Cli.Api;

namespace Workflow.Cli.Tests.Api;

public sealed class ProblemParserTests
{
    [Fact]
    public void The_agreed_errors_array_becomes_one_issue_per_field()
    {
        const string body = """
            {"type":"about:blank","title":"The pipeline definition is invalid","status":400,
             "detail":"2 problems","errors":[
               {"path":"tasks[1].dependsOn[0]","message":"'extrct' is not a task of this pipeline","hint":"did you mean 'extract'?"},
               {"path":"schedules[0].cron","message":"'61 * * * *' is not a cron expression"}]}
            """;

        var problem = ProblemParser.Parse(400, "Bad Request", body);

        Assert.Equal(400, problem.Status);
        Assert.Equal("The pipeline definition is invalid", problem.Title);
        Assert.Equal(
            [
                new FieldError("tasks[1].dependsOn[0]", "'extrct' is not a task of this pipeline", "did you mean 'extract'?"),
                new FieldError("schedules[0].cron", "'61 * * * *' is not a cron expression", null),
            ],
            problem.Errors);
    }

    [Fact]
    public void The_ASP_NET_dictionary_form_of_errors_is_understood_too()
    {
        const string body = """{"title":"One or more validation errors occurred.","status":400,"errors":{"id":["The id is required.","Too short."]}}""";

        var problem = ProblemParser.Parse(400, "Bad Request", body);

        Assert.Equal(["The id is required.", "Too short."], problem.Errors.Select(e => e.Message));
        Assert.All(problem.Errors, e => Assert.Equal("id", e.Path));
    }

    [Fact]
    public void A_body_that_is_not_JSON_keeps_the_status_line_and_a_one_line_excerpt()
    {
        var problem = ProblemParser.Parse(502, "Bad Gateway", "<html>\n<body>upstream down</body>\n</html>");

        Assert.Equal(502, problem.Status);
        Assert.Equal("Bad Gateway", problem.Title);
        Assert.Equal("<html> <body>upstream down</body> </html>", problem.Detail);
        Assert.Empty(problem.Errors);
    }

    [Fact]
    public void An_empty_body_yields_just_the_status()
    {
        var problem = ProblemParser.Parse(404, "Not Found", "");

        Assert.Equal(new Problem(404, "Not Found", null, []), problem with { Errors = [] });
    }
}
