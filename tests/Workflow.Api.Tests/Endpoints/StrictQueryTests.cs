using System.Net;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Endpoints;

/// <summary>
/// Query parameters are read as strictly as bodies: one an endpoint does not read is a 400 naming it and the ones
/// it does, since an ignored <c>?state=open</c> answers every alert and looks like a filter that worked.
/// </summary>
public sealed class StrictQueryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/api/alerts?state=open", "state", "'status', 'pipeline', 'run', 'kind', 'limit'")]
    [InlineData("/api/runs?pipline=p", "pipline", "Did you mean 'pipeline'?")]
    [InlineData("/api/audit?limit=5&runId=x", "runId", "'limit'")]
    [InlineData("/api/pipelines/none/schedule/preview?n=3", "n", "'count'")]
    public async Task A_query_parameter_the_endpoint_does_not_read_is_a_400_naming_it_and_the_ones_it_reads(
        string url, string name, string hint)
    {
        var admin = await ApiClient.LoginAsync(factory, "ada", ["data-eng"], ["admin"]);

        var error = await ApiClient.SingleErrorAsync(await admin.GetAsync(url));

        Assert.Equal(name, error.GetProperty("path").GetString());
        Assert.Contains(hint, error.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_parameters_an_endpoint_reads_pass_in_any_case()
    {
        var admin = await ApiClient.LoginAsync(factory, "ada", ["data-eng"], ["admin"]);

        var alerts = await admin.GetAsync("/api/alerts?status=open&Pipeline=p&kind=task-failed&limit=5");
        var runs = await admin.GetAsync("/api/runs?pipeline=p&status=succeeded&limit=5&from=2026-01-01T00:00:00Z");

        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, alerts);
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, runs);
    }

    [Fact]
    public async Task A_run_range_that_ends_before_it_starts_is_a_400_naming_to()
    {
        var admin = await ApiClient.LoginAsync(factory, "ada", ["data-eng"], ["admin"]);

        var error = await ApiClient.SingleErrorAsync(
            await admin.GetAsync("/api/runs?from=2027-01-01T00:00:00Z&to=2026-01-01T00:00:00Z"));

        Assert.Equal("to", error.GetProperty("path").GetString());
        Assert.Equal("'to' (2026-01-01T00:00:00.0000000+00:00) is before 'from' (2027-01-01T00:00:00.0000000+00:00).",
            error.GetProperty("message").GetString());
        Assert.Equal("Give a 'to' at or after 'from': swap them.", error.GetProperty("hint").GetString());
    }
}
