using System.Net;
using System.Text.Json;
using Workflow.Cli.Api;

namespace Workflow.Cli.Smoke;

/// <summary>
/// Follows a run's <c>statusQueryGetUri</c> until the run ends. It reads both answers the hosts give: Durable's
/// instance status in Azure (<c>runtimeStatus</c>: 202 while running, 200 at the end) and the embedded host's run
/// (<c>run.status</c>).
/// </summary>
public sealed class RunStatusPoller(WorkflowApiClient api, TimeProvider time)
{
    private static readonly HashSet<string> DurableEnded =
        new(["Completed", "Failed", "Terminated", "Canceled"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> RunEnded =
        new(["succeeded", "failed", "cancelled"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Polls until the run ends and returns the final status text; throws when the deadline passes.</summary>
    public async Task<string> WaitAsync(Uri statusUri, TimeSpan timeout, Action<string> onChange, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + timeout;
        string? last = null;
        while (true)
        {
            var (code, body) = await api.GetAbsoluteAsync(statusUri, ct);
            if (code is not (HttpStatusCode.OK or HttpStatusCode.Accepted))
            {
                throw new ApiException($"GET {statusUri} answered {(int)code}: {Shorten(body)}");
            }

            var (status, ended) = Read(body);
            if (status != last)
            {
                onChange(status);
                last = status;
            }

            if (ended)
            {
                return status;
            }

            if (time.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"The run was still {status} after {timeout.TotalSeconds:0}s.");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
        }
    }

    /// <summary>The status and whether it is final, from either host's status document.</summary>
    public static (string Status, bool Ended) Read(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.TryGetProperty("runtimeStatus", out var runtime) && runtime.GetString() is { } durable)
        {
            // The orchestration's state; whether the run succeeded is the API's answer, read after it ends.
            return (durable, DurableEnded.Contains(durable));
        }

        if (root.TryGetProperty("run", out var run) && run.TryGetProperty("status", out var s) && s.GetString() is { } st)
        {
            return (st, RunEnded.Contains(st));
        }

        throw new ApiException($"The status answer has neither runtimeStatus nor run.status: {Shorten(body)}");
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
