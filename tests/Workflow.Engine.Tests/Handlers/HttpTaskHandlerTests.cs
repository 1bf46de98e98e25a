using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Engine.Tests.Handlers;

public sealed class HttpTaskHandlerTests
{
    private static TaskDefinition Http(string id, object config) =>
        new() { Id = id, Kind = "http", Config = Pipelines.ToJson(config) };

    [Fact]
    public async Task A_2xx_response_body_becomes_the_output_and_4xx_5xx_and_network_errors_fail_with_their_kinds()
    {
        // Arrange
        await using var server = await TestHttpServer.StartAsync(app =>
        {
            app.MapPost("/echo", async (HttpRequest request) =>
                Results.Json(new
                {
                    got = await new StreamReader(request.Body).ReadToEndAsync(),
                    key = request.Headers["Idempotency-Key"].ToString()
                }));
            app.MapGet("/missing", () => Results.NotFound("no such thing"));
            app.MapGet("/boom", () => Results.StatusCode(503));
        });
        var closedPort = ClosedPort();
        await using var engine = await TestEngine.StartAsync();
        var pipeline = Pipelines.Define("calls",
            Http("ok", new { method = "POST", url = server.Url("/echo"), body = new { n = 1 } }),
            Http("notfound", new { url = server.Url("/missing") }),
            Http("unavailable", new { url = server.Url("/boom") }),
            Http("unreachable", new { url = $"http://127.0.0.1:{closedPort}/", timeout = "10s" }));

        // Act
        var run = await engine.StartRunAsync(pipeline);
        var status = await engine.WaitAsync(run.RunId);

        // Assert
        Assert.Equal(RunStatus.Failed, status);
        var attempts = (await engine.Workflow.ListAttemptsAsync(run.RunId, null, CancellationToken.None))
            .ToDictionary(a => a.TaskKey);
        Assert.Equal("{\"n\":1}", attempts["ok"].Output?.GetProperty("got").GetString());
        Assert.Equal($"{run.RunId}/ok/1", attempts["ok"].Output?.GetProperty("key").GetString());
        Assert.Equal(ErrorKinds.Http4xx, attempts["notfound"].ErrorKind);
        Assert.Contains("404", attempts["notfound"].Error);
        Assert.Equal(ErrorKinds.Http5xx, attempts["unavailable"].ErrorKind);
        Assert.Equal(ErrorKinds.Network, attempts["unreachable"].ErrorKind);
    }

    [Fact]
    public async Task An_async_202_is_polled_at_its_Location_on_durable_timers_until_it_is_done()
    {
        // Arrange
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 6, 0, 0, TimeSpan.Zero));
        var polls = 0;
        await using var server = await TestHttpServer.StartAsync(app =>
        {
            app.MapPost("/jobs", (HttpResponse response) =>
            {
                response.Headers.Location = "/jobs/7/status";
                response.Headers.RetryAfter = "30";
                return Results.StatusCode(StatusCodes.Status202Accepted);
            });
            app.MapGet("/jobs/7/status", (HttpResponse response) =>
            {
                if (Interlocked.Increment(ref polls) < 2)
                {
                    response.Headers.Location = "/jobs/7/status";
                    response.Headers.RetryAfter = "30";
                    return Results.StatusCode(StatusCodes.Status202Accepted);
                }

                return Results.Json(new { rows = 42 });
            });
        });
        await using var engine = await TestEngine.StartAsync(s => s.AddSingleton<TimeProvider>(clock));
        var pipeline = Pipelines.Define("async-job",
            Http("export", new { method = "POST", url = server.Url("/jobs"), @async = true }));

        // Act
        var run = await engine.StartRunAsync(pipeline);
        for (var expectedPolls = 1; expectedPolls <= 2; expectedPolls++)
        {
            await Poll.UntilAsync(() => engine.Services.GetRequiredService<Workflow.Engine.Runtime.EngineRuntime>()
                .Timers.Count > 0 && engine.Services.GetRequiredService<Workflow.Engine.Runtime.EngineRuntime>()
                .Leases.Count == 0, "the attempt to be parked without a worker");
            Assert.Equal(expectedPolls - 1, Volatile.Read(ref polls));
            clock.Advance(TimeSpan.FromSeconds(31));
            await Poll.UntilAsync(() => Volatile.Read(ref polls) >= expectedPolls, "the poll");
        }

        var status = await engine.WaitAsync(run.RunId);

        // Assert
        Assert.Equal(RunStatus.Succeeded, status);
        Assert.Equal(2, polls);
        var attempt = Assert.Single(await engine.Workflow.ListAttemptsAsync(run.RunId, null, CancellationToken.None));
        Assert.Equal(42, attempt.Output?.GetProperty("rows").GetInt32());
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
