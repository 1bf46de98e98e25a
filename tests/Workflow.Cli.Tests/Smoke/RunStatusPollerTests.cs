using System.Net;
using Workflow.Cli.Smoke;

namespace Workflow.Cli.Tests.Smoke;

public sealed class RunStatusPollerTests
{
    [Theory]
    [InlineData(202, """{"name":"PipelineRun","runtimeStatus":"Pending"}""", "Pending", false)]
    [InlineData(202, """{"name":"PipelineRun","runtimeStatus":"Running","customStatus":{"succeeded":3}}""", "Running", false)]
    [InlineData(202, """{"name":"PipelineRun","runtimeStatus":"Suspended"}""", "Suspended", false)]
    [InlineData(200, """{"name":"PipelineRun","runtimeStatus":"Completed","output":{"status":2}}""", "Completed", true)]
    [InlineData(200, """{"name":"PipelineRun","runtimeStatus":"Failed"}""", "Failed", true)]
    [InlineData(200, """{"name":"PipelineRun","runtimeStatus":"Terminated"}""", "Terminated", true)]
    public void Durables_instance_status_is_read_as_the_orchestration_state(int code, string body, string status,
        bool ended) =>
        Assert.Equal((status, ended), RunStatusPoller.Read((HttpStatusCode)code, body));

    [Theory]
    [InlineData(202, """{"run":{"status":"queued"},"tasks":[]}""", "queued", false)]
    [InlineData(202, """{"run":{"status":"running"},"tasks":[]}""", "running", false)]
    [InlineData(200, """{"run":{"status":"succeeded"},"tasks":[]}""", "succeeded", true)]
    [InlineData(200, """{"run":{"status":"cancelled"},"tasks":[]}""", "cancelled", true)]
    public void The_embedded_hosts_run_is_read_by_its_status(int code, string body, string status, bool ended) =>
        Assert.Equal((status, ended), RunStatusPoller.Read((HttpStatusCode)code, body));

    [Fact]
    public void An_answer_with_neither_shape_is_refused_with_what_it_was()
    {
        var error = Assert.Throws<Workflow.Cli.Api.ApiException>(() =>
            RunStatusPoller.Read(HttpStatusCode.OK, """{"id":"x"}"""));

        Assert.Contains("{\"id\":\"x\"}", error.Message, StringComparison.Ordinal);
    }
}
