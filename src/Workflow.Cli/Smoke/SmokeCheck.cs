using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Cli.Api;
using Workflow.Cli.Commands;
using Workflow.Cli.Progress;
using Workflow.Cli.Rendering;

namespace Workflow.Cli.Smoke;

/// <summary>
/// The steps of <c>wf smoke</c>, in order, each printed as <c>[n/7] what: ok ...</c> or <c>FAILED ...</c>. The first
/// failure ends the check: later steps need what the earlier ones made.
/// </summary>
public sealed class SmokeCheck(Session session, TimeSpan runTimeout)
{
    private const int Steps = 7;
    private int _step;

    public async Task<int> RunAsync(JsonObject definition, CancellationToken ct)
    {
        var api = session.Api;
        var id = definition["id"]!.GetValue<string>();
        string? runId = null;
        Uri? statusUri = null;
        RunDetail? detail = null;
        var ok =
            await StepAsync("health", async () =>
            {
                var health = await api.Service.HealthAsync(ct);
                return $"ok, version {Text(health, "version")}";
            }, ct)
            && await StepAsync($"apply pipeline {id}", async () =>
            {
                var json = definition.ToJsonString();
                var current = await api.Pipelines.FindAsync(id, ct);
                var applied = current is null
                    ? await api.Pipelines.CreateAsync(json, ct)
                    : await api.Pipelines.UpdateAsync(id, json, current.ETag ?? "*", ct);
                return $"ok, {(applied.Created ? "created" : "updated")} (ETag {applied.ETag})";
            }, ct)
            && await StepAsync("start a run", async () =>
            {
                var started = await api.Runs.TriggerAsync(id, null, ct);
                runId = started.RunId;
                statusUri = started.StatusQueryGetUri is { } s
                    ? new Uri(s)
                    : throw new ApiException("The 202 answer has no statusQueryGetUri to follow.");
                return $"ok, run {runId}";
            }, ct)
            && await StepAsync("follow statusQueryGetUri to the end", async () =>
            {
                var poller = new RunStatusPoller(api.Connection, session.Env.Time);
                var final = await poller.WaitAsync(statusUri!, runTimeout,
                    status => session.Out.Write($" {status}"), ct);
                return $"ok, ended {final}";
            }, ct)
            && await StepAsync("run succeeded", async () =>
            {
                detail = await api.Runs.GetAsync(runId!, ct);
                if (!States.Is(detail.Run.Status, States.Succeeded))
                {
                    var failed = detail.Tasks.Where(t => !States.Is(t.Status, States.Succeeded))
                        .Select(t => $"{t.TaskKey} {t.Status}{(t.Error is null ? "" : $": {t.Error}")}");
                    throw new ApiException($"The run ended {detail.Run.Status}: {string.Join("; ", failed)}");
                }

                return $"ok, {detail.Tasks.Count} tasks succeeded";
            }, ct)
            && await StepAsync("read a task log", async () =>
            {
                var task = detail!.Tasks.FirstOrDefault(t => t.Attempts > 0)
                           ?? throw new ApiException("No task of the run has an attempt.");
                var log = await api.Runs.ReadLogAsync(runId!, task.TaskKey, task.Attempts, 0, 4096, ct);
                var first = log.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
                            ?? throw new ApiException($"The log of {task.TaskKey} attempt {task.Attempts} is empty.");
                return $"ok, {task.TaskKey}: \"{first}\"";
            }, ct)
            && await StepAsync("list alerts", async () =>
            {
                var alerts = await api.Service.ListAlertsAsync(null, null, null, null, ct);
                var items = alerts.ValueKind == JsonValueKind.Array ? alerts
                    : alerts.TryGetProperty("items", out var i) ? i
                    : throw new ApiException("GET /api/alerts answered neither a list nor a page of alerts.");
                return $"ok, {items.GetArrayLength()} visible";
            }, ct);

        await session.Out.WriteLineAsync(ok
            ? $"Smoke check passed against {api.Server}."
            : $"Smoke check FAILED at step {_step} of {Steps} against {api.Server}.");
        return ok ? ExitCodes.Ok : ExitCodes.Error;
    }

    private async Task<bool> StepAsync(string what, Func<Task<string>> step, CancellationToken ct)
    {
        _step++;
        await session.Out.WriteAsync($"[{_step}/{Steps}] {what}:");
        try
        {
            var result = await step();
            await session.Out.WriteLineAsync($" {result}");
            return true;
        }
        catch (Exception e) when (e is ApiException or ServerUnreachableException or TimeoutException
                                       or CliUsageException or JsonException && !ct.IsCancellationRequested)
        {
            var reason = e is ApiException { Problem: { } problem }
                ? string.Join(" ", ProblemRenderer.Lines(problem).Select(l => l.Trim()))
                : e.Message;
            await session.Out.WriteLineAsync($" FAILED: {reason}");
            return false;
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ToString() : "unknown";
}
