using System.Net;
using Workflow.Api.Tests.Infrastructure;
using Workflow.Services;

namespace Workflow.Api.Tests.Problems;

/// <summary>
/// The service contract as a client sees it: each kind of service error has its status, whichever endpoint meets
/// it, and anything else a service throws is a 500 whose correlation id is in the error log line.
/// </summary>
public sealed class ServiceErrorAnswerTests(FaultingApiFactory factory) : IClassFixture<FaultingApiFactory>
{
    // A GoneException (410) comes from a log read only, and GET /api/runs does not describe it, which the OpenAPI test
    // would read as an undescribed answer: AttemptHistoryTests answers it end to end, from a log retention removed.
    [Theory]
    [InlineData("not found", HttpStatusCode.NotFound)]
    [InlineData("version conflict", HttpStatusCode.Conflict)]
    [InlineData("conflict", HttpStatusCode.Conflict)]
    [InlineData("invalid request", HttpStatusCode.BadRequest)]
    [InlineData("not allowed", HttpStatusCode.Forbidden)]
    public async Task Each_service_error_answers_its_status_with_its_message(string kind, HttpStatusCode status)
    {
        // Arrange
        var ana = await ApiClient.LoginAsync(factory, "ana", ["data-eng"], ["viewer"]);
        var error = Error(kind);
        factory.FailNext(nameof(IWorkflowService.ListRunsAsync), error);

        // Act
        var response = await ana.GetAsync("/api/runs");

        // Assert
        await ApiClient.AssertStatusAsync(status, response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ApiClient.JsonAsync(response);
        Assert.Equal(error.Message, problem.GetProperty("detail").GetString());
        Assert.False(problem.TryGetProperty("correlationId", out _));
    }

    [Fact]
    public async Task An_invalid_request_names_the_field()
    {
        var ana = await ApiClient.LoginAsync(factory, "ana", ["data-eng"], ["viewer"]);
        factory.FailNext(nameof(IWorkflowService.ListRunsAsync),
            InvalidRequestException.For("continuationToken", "The token is not one this service issued."));

        var response = await ana.GetAsync("/api/runs");

        await ApiClient.AssertStatusAsync(HttpStatusCode.BadRequest, response);
        var field = (await ApiClient.JsonAsync(response)).GetProperty("errors")[0];
        Assert.Equal("$.continuationToken", field.GetProperty("path").GetString());
    }

    [Fact]
    public async Task A_service_error_from_an_endpoint_that_does_not_catch_it_gets_the_same_answer()
    {
        // Arrange: reading a run goes through no catch of its own.
        var ana = await ApiClient.LoginAsync(factory, "ana", ["data-eng"], ["viewer"]);
        factory.FailNext(nameof(IWorkflowService.GetRunAsync), new NotFoundException("Run 'r1' does not exist."));

        // Act
        var response = await ana.GetAsync("/api/runs/r1");

        // Assert
        await ApiClient.AssertStatusAsync(HttpStatusCode.NotFound, response);
        Assert.Equal("Run 'r1' does not exist.", (await ApiClient.JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unexpected_exception_is_a_500_whose_correlation_id_is_logged_with_the_fault()
    {
        // Arrange: an InvalidOperationException is a bug, not a conflict.
        var ana = await ApiClient.LoginAsync(factory, "ana", ["data-eng"], ["viewer"]);
        factory.FailNext(nameof(IWorkflowService.ListRunsAsync),
            new InvalidOperationException("Sequence contains no elements"));

        // Act
        var response = await ana.GetAsync("/api/runs");

        // Assert
        await ApiClient.AssertStatusAsync(HttpStatusCode.InternalServerError, response);
        var problem = await ApiClient.JsonAsync(response);
        var correlationId = problem.GetProperty("correlationId").GetString();
        Assert.False(string.IsNullOrWhiteSpace(correlationId));
        Assert.DoesNotContain("Sequence contains", problem.GetRawText(), StringComparison.Ordinal);
        var logged = Assert.Single(factory.Logs.Entries, e => e.EventId == Log.Ids.UnhandledFault);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, logged.Level);
        Assert.Contains(correlationId!, logged.Message, StringComparison.Ordinal);
    }

    private static ServiceException Error(string kind) => kind switch
    {
        "not found" => new NotFoundException("Run 'r1' does not exist."),
        "version conflict" => new VersionConflictException("Pipeline 'p' is at version 3, not 2."),
        "conflict" => new ConflictException("Pipeline 'p' has a run active and its overlap policy is 'skip'."),
        "invalid request" => InvalidRequestException.For("limit", "'limit' must be at most 500."),
        "not allowed" => new NotAllowedException("'ana' may not read runs of group 'finance'."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
