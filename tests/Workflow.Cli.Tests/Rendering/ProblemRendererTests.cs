using Workflow.Cli.Api;
using Workflow.Cli.Rendering;

namespace Workflow.Cli.Tests.Rendering;

public sealed class ProblemRendererTests
{
    [Fact]
    public void A_problem_reads_as_one_line_with_the_detail_and_the_status()
    {
        var lines = ProblemRenderer.Lines(new Problem(404, "Not Found", "Pipeline 'nightly' was not found.", []));

        Assert.Equal(["error: Pipeline 'nightly' was not found. (HTTP 404 Not Found)"], lines);
    }

    [Fact]
    public void Validation_errors_follow_as_one_line_each_with_path_message_and_hint()
    {
        var problem = new Problem(400, "Invalid pipeline", "The definition has 2 problems.",
        [
            new FieldError("tasks[0].kind", "'shel' is not a task kind", "use one of: http, process, code"),
            new FieldError(null, "The DAG has a cycle: a -> b -> a", null),
        ]);

        var lines = ProblemRenderer.Lines(problem);

        Assert.Equal(
            [
                "error: The definition has 2 problems. (HTTP 400 Invalid pipeline)",
                "  - tasks[0].kind: 'shel' is not a task kind (hint: use one of: http, process, code)",
                "  - The DAG has a cycle: a -> b -> a",
            ],
            lines);
    }

    [Fact]
    public void An_unauthenticated_answer_says_how_to_log_in()
    {
        var lines = ProblemRenderer.Lines(new Problem(401, "Unauthorized", null, []));

        Assert.Equal("error: Unauthorized (HTTP 401)", lines[0]);
        Assert.Contains("wf login --dev", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_log_that_expired_says_so_and_how_to_keep_logs_longer()
    {
        var detail = "The log of attempt 1 of task 'say' in run 'p@manual-1' (4143 bytes) expired at " +
                     "2026-03-02T10:15:00Z: the pipeline's retention.logs of 1h removed it after the run finished.";

        var lines = ProblemRenderer.Lines(new Problem(410, "Gone", detail, []));

        Assert.Equal($"error: {detail} (HTTP 410 Gone)", lines[0]);
        Assert.Contains("raise retention.logs", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_multi_line_detail_is_kept_on_one_line()
    {
        var lines = ProblemRenderer.Lines(new Problem(409, null, "Pipeline 'x' exists.\nUse PUT.", []));

        Assert.Equal(["error: Pipeline 'x' exists. Use PUT. (HTTP 409)"], lines);
    }
}
