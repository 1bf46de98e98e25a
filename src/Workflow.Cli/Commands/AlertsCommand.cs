using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Workflow.Cli.Rendering;

namespace Workflow.Cli.Commands;

/// <summary>
/// <c>wf alerts list|ack</c>: the alerts the SLA monitor and the runs raised (failures, retries, slow tasks, deadlines
/// at risk or missed), as the dashboard's Alerts page shows them. The server's alert records are read as JSON and
/// shown as they come, so a field a newer server adds does not break an older <c>wf</c>.
/// </summary>
public static class AlertsCommand
{
    public static Command Create(CommandRunner runner) =>
        new("alerts", "List alerts (failures, retries, slow tasks, deadlines) and acknowledge them.")
        {
            List(runner), Ack(runner),
        };

    private static Command List(CommandRunner runner)
    {
        var status = new Option<string>("--status")
        {
            Description = "open, acked, active (open or acked: not cleared), cleared or all.",
            DefaultValueFactory = _ => "active",
        };
        var pipeline = new Option<string?>("--pipeline") { Description = "Only alerts of this pipeline." };
        var run = new Option<string?>("--run") { Description = "Only alerts of this run (not of its child runs)." };
        var limit = new Option<int?>("--limit", "-n") { Description = "At most this many alerts (server default: 200)." };
        var command = new Command("list", "List alerts, newest first: by default those not cleared.")
        {
            status, pipeline, run, limit,
        };
        runner.SetAction(command, async (parse, session, ct) =>
        {
            var alerts = await session.Api.Service.ListAlertsAsync(parse.GetValue(status), parse.GetValue(pipeline),
                parse.GetValue(run), parse.GetValue(limit), ct);
            if (alerts.ValueKind != JsonValueKind.Array || alerts.GetArrayLength() == 0)
            {
                await session.Out.WriteLineAsync($"No {parse.GetValue(status)} alerts.");
                return ExitCodes.Ok;
            }

            foreach (var alert in alerts.EnumerateArray())
            {
                await session.Out.WriteLineAsync(Describe(alert));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Ack(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = "The alert's id, as `wf alerts list` prints it." };
        var command = new Command("ack", "Acknowledge an alert (operator role in its group).") { id };
        runner.SetAction(command, async (parse, session, ct) =>
        {
            var alert = await session.Api.Service.AckAlertAsync(parse.GetValue(id)!, ct);
            await session.Out.WriteLineAsync($"Acknowledged {Text(alert, "id")}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>One alert in two lines: when, severity, kind, pipeline, state and id; then its message.</summary>
    private static string Describe(JsonElement alert)
    {
        // A clear because a worse alert replaced it is not a resolution: it says which one (an older server sends none).
        var cleared = Text(alert, "supersededBy") is { Length: > 0 } worse ? $"superseded by {worse}" : "cleared";
        var state = Text(alert, "clearedAt") is { Length: > 0 }
            ? $"{cleared}: {Text(alert, "clearReason") ?? "-"}"
            : Text(alert, "ackedBy") is { Length: > 0 } by ? $"acked by {by}" : "open";
        return $"{Instant(Text(alert, "raisedAt"))}  {Text(alert, "severity")}  {Text(alert, "kind")}  " +
               $"{Text(alert, "pipelineId")}  ({state})  {Text(alert, "id")}{Environment.NewLine}" +
               $"    {Text(alert, "message")}";
    }

    private static string? Text(JsonElement alert, string name) =>
        alert.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Instant(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? Formats.Instant(at)
            : text ?? "-";
}
