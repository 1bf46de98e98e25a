using System.Net;
using System.Text.Json;
using Workflow.Cli.Api;

namespace Workflow.Cli.Smoke;

/// <summary>
/// Follows a run's <c>statusQueryGetUri</c> until the run ends, as any Durable Functions client does: both hosts
/// answer 202 while the run is active and 200 once it has ended. The body names the state: Durable's instance status
/// in Azure (<c>runtimeStatus</c>) or the embedded host's run (<c>run.status</c>).
/// </summary>
public sealed class RunStatusPoller(ApiConnection api, TimeProvider time)
{
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

            var (status, ended) = Read(code, body);
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

    /// <summary>
    /// The state either host's status document names, and whether the run has ended: a 200 says it has, a 202 that
    /// it is still active.
    /// </summary>
    public static (string Status, bool Ended) Read(HttpStatusCode code, string body)
    {
        var ended = code == HttpStatusCode.OK;
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.TryGetProperty("runtimeStatus", out var runtime) && runtime.GetString() is { } durable)
        {
            // The orchestration's state; whether the run succeeded is the API's answer, read after it ends.
            return (durable, ended);
        }

        if (root.TryGetProperty("run", out var run) && run.TryGetProperty("status", out var s) && s.GetString() is { } st)
        {
            return (st, ended);
        }

        throw new ApiException($"The status answer has neither runtimeStatus nor run.status: {Shorten(body)}");
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
