using Spectre.Console;
using Workflow.Cli.Api;

namespace Workflow.Cli.Rendering;

/// <summary>The tables of the list and show commands.</summary>
public static class Tables
{
    public static Table Pipelines(IEnumerable<PipelineSummary> pipelines)
    {
        var table = New("Pipeline", "Version", "Owner", "Enabled", "Next fire (UTC)", "Last run", "Status");
        foreach (var p in pipelines.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            table.AddRow(
                Esc(p.Id),
                Esc(p.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Esc(p.OwnerGroup),
                p.Enabled ? "yes" : "[grey]no[/]",
                Esc(Formats.Instant(p.NextFireTime)),
                Esc(p.LastRun?.RunId ?? "-"),
                p.LastRun is null ? "-" : StatusStyle.Markup(p.LastRun.Status));
        }

        return table;
    }

    public static Table Runs(IEnumerable<RunInfo> runs, DateTimeOffset now)
    {
        var table = New("Run", "Pipeline", "Status", "Trigger", "Started (UTC)", "Duration");
        foreach (var r in runs)
        {
            table.AddRow(Esc(r.RunId), Esc(r.PipelineId), StatusStyle.Markup(r.Status), Esc(r.Trigger),
                Esc(Formats.Instant(r.StartedAt)), Esc(Formats.Elapsed(r.StartedAt, r.FinishedAt, now)));
        }

        return table;
    }

    public static Table Tasks(IEnumerable<TaskInfo> tasks, DateTimeOffset now, int errorWidth = 60)
    {
        var table = New("Task", "Status", "Attempts", "Started (UTC)", "Duration", "Error");
        foreach (var t in tasks)
        {
            table.AddRow(Esc(t.TaskKey), StatusStyle.Markup(t.Status),
                Esc(t.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Esc(Formats.Instant(t.StartedAt)), Esc(Formats.Elapsed(t.StartedAt, t.FinishedAt, now)),
                Esc(Formats.Truncate(t.Error, errorWidth)));
        }

        return table;
    }

    public static Table Schedule(IEnumerable<SchedulePreviewItem> items)
    {
        var table = New("Schedule", "UTC", "Local", "Time zone");
        foreach (var i in items)
        {
            table.AddRow(Esc(i.Schedule), Esc(Formats.Instant(i.Utc)), Esc(Formats.LocalTime(i.Local)),
                Esc(i.TimeZone));
        }

        return table;
    }

    public static Table Schedules(IEnumerable<ScheduleStatus> items)
    {
        var table = New("Schedule", "State", "Start (UTC)", "End (UTC)", "Next fire (UTC)");
        foreach (var i in items)
        {
            table.AddRow(Esc(i.Schedule), i.State == ScheduleStateNames.Active ? Esc(i.State) : $"[grey]{Esc(i.State)}[/]",
                Esc(Formats.Instant(i.Start)), Esc(Formats.Instant(i.End)), Esc(Formats.Instant(i.NextFireTime)));
        }

        return table;
    }

    public static Table Secrets(IEnumerable<SecretSummary> secrets)
    {
        var table = New("Secret", "Version", "Set by", "Set at (UTC)");
        foreach (var s in secrets)
        {
            table.AddRow(Esc(s.Name), Esc(s.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Esc(s.UpdatedBy), Esc(Formats.Instant(s.UpdatedAt)));
        }

        return table;
    }

    private static Table New(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(column).NoWrap());
        }

        return table;
    }

    private static string Esc(string text) => Markup.Escape(text);
}
