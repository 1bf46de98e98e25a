using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Workflow.Functions.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 with the 202 + Location flow: <c>POST /jobs</c> accepts a job and
/// <c>GET /jobs/{key}</c> answers 202 (Retry-After 1 s) until it has been polled <see cref="PollsBeforeDone"/> times,
/// then 200 with the result. It counts the requests it got, per idempotency key.
/// </summary>
public sealed class AsyncJobServer : IAsyncDisposable
{
    public const int PollsBeforeDone = 2;

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, int> starts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> polls = new(StringComparer.Ordinal);

    private AsyncJobServer(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyDictionary<string, int> Starts => starts;

    public IReadOnlyDictionary<string, int> Polls => polls;

    public static async Task<AsyncJobServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var server = new AsyncJobServer(app);
        app.MapPost("/jobs", (HttpRequest request) =>
        {
            var key = request.Headers["Idempotency-Key"].ToString();
            server.starts.AddOrUpdate(key, 1, (_, n) => n + 1);
            return Accepted($"/jobs/{Uri.EscapeDataString(key)}");
        });
        app.MapGet("/jobs/{key}", (string key) =>
        {
            // Routing leaves %2F encoded in a route value.
            key = Uri.UnescapeDataString(key);
            var n = server.polls.AddOrUpdate(key, 1, (_, n) => n + 1);
            return n < PollsBeforeDone ? Accepted($"/jobs/{Uri.EscapeDataString(key)}") : Results.Json(new { done = true, polls = n });
        });
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.First());
        return server;
    }

    private static IResult Accepted(string location) => new AcceptedLater(location);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private sealed class AcceptedLater(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status202Accepted;
            httpContext.Response.Headers.Location = location;
            httpContext.Response.Headers.RetryAfter = "1";
            return Task.CompletedTask;
        }
    }
}
