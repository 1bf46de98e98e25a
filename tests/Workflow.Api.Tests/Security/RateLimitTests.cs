using System.Net;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Security;

/// <summary>A host with small limits, shared by the class.</summary>
public sealed class RateLimitFactory() : ApiFactory("Development", new Dictionary<string, string?>
{
    ["Workflow:Api:RateLimitPermits"] = "5",
    ["Workflow:Api:RateLimitWindow"] = "00:10:00",
});

/// <summary>A host configured with no requests at all per window.</summary>
public sealed class ZeroRateLimitFactory() : ApiFactory("Development", new Dictionary<string, string?>
{
    ["Workflow:Api:RateLimitPermits"] = "0",
});

public sealed class RateLimitTests(RateLimitFactory factory) : IClassFixture<RateLimitFactory>
{
    private readonly ApiFactory _factory = factory;

    [Fact]
    public async Task A_user_over_the_limit_gets_429_with_retry_after_while_another_user_still_passes()
    {
        // Logging in spends one request of each client's address budget, not of the users' budgets.
        var alice = await ApiClient.LoginAsync(_factory, "alice", ["data-eng"], ["viewer"]);
        var bob = await ApiClient.LoginAsync(_factory, "bob", ["data-eng"], ["viewer"]);
        var answers = new List<HttpStatusCode>();

        for (var i = 0; i < 6; i++)
        {
            answers.Add((await alice.GetAsync("/api/pipelines")).StatusCode);
        }

        var limited = await alice.GetAsync("/api/pipelines");
        var other = await bob.GetAsync("/api/pipelines");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5), answers.Take(5));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[5]);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.True(limited.Headers.RetryAfter!.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public void A_limit_of_zero_requests_stops_the_host_at_start_up_with_a_message_naming_the_setting()
    {
        using var zero = new ZeroRateLimitFactory();

        var error = Assert.ThrowsAny<Exception>(() => zero.CreateClient());

        Assert.Contains("Workflow:Api:RateLimitPermits must be at least 1", error.ToString());
    }
}
