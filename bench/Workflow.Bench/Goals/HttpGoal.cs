using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Hosting;

namespace Workflow.Bench.Goals;

/// <summary>
/// P9: pipeline creations per second through the real host (Kestrel on 127.0.0.1, authentication, validation,
/// audit, the engine's writer), from 16 concurrent connections, with the per-user rate limit raised. The client
/// runs in the same process, so the CPU figure is client and server together. The verdict is on 4,000 creations
/// once the JIT has settled (a running server); the first 4,000 after start are measured and printed too.
/// </summary>
internal static class HttpGoal
{
    private const int Connections = 16;
    private const int WarmUpRound = 500;
    private const int MaxWarmUpRounds = 12;

    public static async Task<GoalLine> MeasureAsync(GoalsOptions options)
    {
        var creations = 4_000 / options.Scale;
        var directory = Path.Combine(Path.GetTempPath(), "wf-goals", Guid.NewGuid().ToString("n"));
        var app = WorkflowHost.Build(
        [
            "--urls", "http://127.0.0.1:0", "--environment", "Development", "--data", directory,
            "--Workflow:Samples", "false", "--Workflow:Api:RateLimitPermits", "100000000",
            "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Microsoft.AspNetCore.StaticFiles", "Error",
        ]);
        try
        {
            if (!WorkflowHost.TryLockDataDirectory(app))
            {
                throw new InvalidOperationException($"The data directory {directory} is locked.");
            }

            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
                .Addresses.First();
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections })
            {
                BaseAddress = new Uri(address),
            };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client));
            var cold = await Usage.MeasureAsync(() => CreateManyAsync(client, "cold", creations));
            var round = WarmUpRound / options.Scale;
            var warmUp = await JitWarmUp.UntilSettledAsync(
                i => CreateManyAsync(client, $"warm-{i}", round), MaxWarmUpRounds,
                string.Create(CultureInfo.InvariantCulture, $"rounds of {round:N0}"));
            var jitBefore = JitInfo.GetCompilationTime();
            var usage = await Usage.MeasureAsync(() => CreateManyAsync(client, "http", creations));
            var jit = JitInfo.GetCompilationTime() - jitBefore;
            var perSecond = creations / usage.Wall.TotalSeconds;
            var measured = string.Create(CultureInfo.InvariantCulture,
                $"{perSecond:N0}/s ({creations:N0} POST /api/pipelines after {warmUp}; " +
                $"the first {creations:N0} after start: {creations / cold.Wall.TotalSeconds:N0}/s, {cold})");
            return new GoalLine("P9", $"pipeline creations/s over HTTP on loopback, {Connections} connections",
                measured, "≥ 2,000/s", perSecond >= 2_000, string.Create(CultureInfo.InvariantCulture,
                    $"{usage} (client and server; {jit.TotalMilliseconds:0} ms of JIT compiling in it)"));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Creates <paramref name="count"/> pipelines from <see cref="Connections"/> concurrent callers.</summary>
    private static Task CreateManyAsync(HttpClient client, string prefix, int count)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, Connections).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await CreateAsync(client, $"{prefix}-{i}");
            }
        }));
    }

    private static async Task<string> TokenAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/dev/token",
            new { user = "bench", groups = new[] { "bench" }, roles = new[] { "editor" } });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenBody>();
        return body?.Token ?? throw new InvalidOperationException("The dev token response has no token.");
    }

    private static async Task CreateAsync(HttpClient client, string id)
    {
        var json = $$$"""
            {"id":"{{{id}}}","ownerGroup":"bench","tasks":[{"id":"wait","kind":"delay","config":{"duration":"1s"}}]}
            """;
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/pipelines", content);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException(
                $"POST /api/pipelines answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private sealed record TokenBody(string Token);
}
