using Workflow.Cli.Smoke;

namespace Workflow.Cli.Tests.Smoke;

public sealed class RunStatusPollerTests
{
    [Theory]
    [InlineData("""{"name":"PipelineRun","runtimeStatus":"Pending"}""", "Pending", false)]
    [InlineData("""{"name":"PipelineRun","runtimeStatus":"Running","customStatus":{"succeeded":3}}""", "Running", false)]
    [InlineData("""{"name":"PipelineRun","runtimeStatus":"Completed","output":{"status":2}}""", "Completed", true)]
    [InlineData("""{"name":"PipelineRun","runtimeStatus":"Failed"}""", "Failed", true)]
    [InlineData("""{"name":"PipelineRun","runtimeStatus":"Terminated"}""", "Terminated", true)]
    public void Durables_instance_status_is_read_as_the_orchestration_state(string body, string status, bool ended) =>
        Assert.Equal((status, ended), RunStatusPoller.Read(body));

    [Theory]
    [InlineData("""{"run":{"status":"queued"},"tasks":[]}""", "queued", false)]
    [InlineData("""{"run":{"status":"running"},"tasks":[]}""", "running", false)]
    [InlineData("""{"run":{"status":"succeeded"},"tasks":[]}""", "succeeded", true)]
    [InlineData("""{"run":{"status":"cancelled"},"tasks":[]}""", "cancelled", true)]
    public void The_embedded_hosts_run_is_read_by_its_status(string body, string status, bool ended) =>
        Assert.Equal((status, ended), RunStatusPoller.Read(body));

    [Fact]
    public void An_answer_with_neither_shape_is_refused_with_what_it_was()
    {
        var error = Assert.Throws<Workflow.Cli.Api.ApiException>(() => RunStatusPoller.Read("""{"id":"x"}"""));

        Assert.Contains("{\"id\":\"x\"}", error.Message, StringComparison.Ordinal);
    }
}
