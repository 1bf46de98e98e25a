using System.Globalization;
using System.Text.Json;
using Workflow.Json;

namespace Workflow.Execution;

/// <summary>
/// The task kinds the decider itself understands. <c>delay</c> and <c>wait-until</c> become timers, so no
/// worker is held while they wait; <c>sub-pipeline</c> becomes a child run. Every other kind is a RunTask.
/// </summary>
internal static class TaskKinds
{
    public const string Delay = "delay";
    public const string WaitUntil = "wait-until";
    public const string SubPipeline = "sub-pipeline";
    public const string Code = "code";
    public const string Process = "process";
    public const string Http = "http";
    public const string QueueDrain = "queue-drain";

    public static bool IsTimerOnly(string kind) => kind is Delay or WaitUntil;

    /// <summary>Whether the decider carries the kind out itself (a timer or a child run), so no worker attempt shows it.</summary>
    public static bool IsDecidersOwn(string kind) => IsTimerOnly(kind) || kind == SubPipeline;

    public static bool TryDelay(JsonElement? config, out TimeSpan delay, out string error)
    {
        delay = default;
        error = "";
        if (config is not { ValueKind: JsonValueKind.Object } c || !c.TryGetProperty("duration", out var d))
        {
            error = "A delay task needs 'config.duration', for example \"90s\" or \"5m\".";
            return false;
        }

        if (Duration.TryRead(d, out delay) && delay >= TimeSpan.Zero)
        {
            return true;
        }

        error = (d.ValueKind == JsonValueKind.String && Duration.IsNegative(d.GetString()!)) || delay < TimeSpan.Zero
            ? $"'config.duration' is {d.GetRawText()}; durations cannot be negative."
            : $"'config.duration' is {d.GetRawText()}, which is not a duration; write it like \"90s\" or \"5m\".";
        return false;
    }

    public static bool TryWaitUntil(JsonElement? config, out DateTimeOffset at, out string error)
    {
        at = default;
        error = "";
        if (config is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty("at", out var a)
            && a.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(a.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out at))
        {
            return true;
        }

        error = "A wait-until task needs 'config.at' as an ISO 8601 instant, for example \"2026-01-05T06:00:00Z\".";
        return false;
    }

    public static bool TrySubPipeline(JsonElement? config, out string pipelineId, out JsonElement? parameters,
        out string error)
    {
        pipelineId = "";
        parameters = null;
        error = "";
        if (config is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty("pipelineId", out var p)
            && p.ValueKind == JsonValueKind.String && p.GetString() is { Length: > 0 } id)
        {
            pipelineId = id;
            parameters = c.TryGetProperty("parameters", out var ps) ? ps.Clone() : null;
            return true;
        }

        error = "A sub-pipeline task needs 'config.pipelineId', the id of the pipeline to run as a child.";
        return false;
    }
}
