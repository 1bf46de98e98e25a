using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workflow.Api.Tests.Infrastructure;
using Workflow.Runtime.Scheduling;

namespace Workflow.Api.Tests.Endpoints;

/// <summary>The host on a fake clock, so that the test moves time and drives the schedule tick itself.</summary>
public sealed class ClockedApiFactory : ApiFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>Each test has its own host, since moving the shared clock would age the tokens of the others.</summary>
public sealed class ScheduleWindowEndpointsTests
{
    private static string Hourly(string id, DateTimeOffset? start, DateTimeOffset? end) => $$"""
        {
          "id": "{{id}}",
          "ownerGroup": "data-eng",
          "schedules": [{ "name": "hourly", "kind": "interval", "every": "1h", "catchUp": { "mode": "all" }
            {{(start is { } s ? $", \"start\": \"{s:O}\"" : "")}}{{(end is { } e ? $", \"end\": \"{e:O}\"" : "")}} }],
          "tasks": [ { "id": "t", "kind": "process", "config": { "command": "true" } } ]
        }
        """;

    private static async Task<ApiClient> EditorAsync(ApiFactory factory) =>
        await ApiClient.LoginAsync(factory, "erin", ["data-eng"], ["editor"]);

    private static async Task<string> StateAsync(ApiClient client, string id) =>
        (await ApiClient.JsonAsync(await client.GetAsync($"/api/pipelines/{id}/schedules")))[0]
        .GetProperty("state").GetString()!;

    [Fact]
    public async Task A_schedule_whose_end_has_passed_shows_expired_and_the_tick_never_fires_it()
    {
        // Arrange
        using var factory = new ClockedApiFactory();
        var erin = await EditorAsync(factory);
        var now = factory.Clock.GetUtcNow();
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created,
            await erin.PostAsync("/api/pipelines", Hourly("win1", null, now.AddMinutes(-30))));
        var ticker = factory.Services.GetRequiredService<ScheduleTicker>();

        // Act
        var started = 0;
        for (var i = 0; i < 3; i++)
        {
            factory.Clock.Advance(TimeSpan.FromHours(1));
            started += (await ticker.TickAsync(CancellationToken.None)).Started;
        }

        // Assert
        Assert.Equal("expired", await StateAsync(erin, "win1"));
        Assert.Equal(0, started);
        var runs = await ApiClient.JsonAsync(await erin.GetAsync("/api/runs?pipeline=win1"));
        Assert.Equal(0, runs.GetProperty("items").GetArrayLength());
        var preview = await ApiClient.JsonAsync(await erin.GetAsync("/api/pipelines/win1/schedule/preview"));
        Assert.Equal(0, preview.GetArrayLength());
    }

    [Fact]
    public async Task Preview_and_state_respect_a_window_that_has_not_opened_yet()
    {
        using var factory = new ClockedApiFactory();
        var erin = await EditorAsync(factory);
        var now = factory.Clock.GetUtcNow();
        var start = now.AddDays(2);
        var end = now.AddDays(2).AddHours(5);
        await erin.PostAsync("/api/pipelines", Hourly("win2", start, end));

        var preview = await ApiClient.JsonAsync(await erin.GetAsync("/api/pipelines/win2/schedule/preview?count=20"));

        Assert.Equal("pending", await StateAsync(erin, "win2"));
        var times = preview.EnumerateArray().Select(p => p.GetProperty("utc").GetDateTimeOffset()).ToList();
        Assert.InRange(times.Count, 5, 6);
        Assert.All(times, t => Assert.InRange(t, start, end));
    }

    [Fact]
    public async Task An_end_before_start_is_refused_when_saved()
    {
        using var factory = new ClockedApiFactory();
        var erin = await EditorAsync(factory);
        var now = factory.Clock.GetUtcNow();

        var response = await erin.PostAsync("/api/pipelines", Hourly("win3", now, now.AddDays(-1)));

        await ApiClient.AssertStatusAsync(HttpStatusCode.BadRequest, response);
        var problem = await ApiClient.JsonAsync(response);
        Assert.Equal("$.schedules[0].end", problem.GetProperty("errors")[0].GetProperty("path").GetString());
    }
}
