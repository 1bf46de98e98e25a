using Quartz;

namespace Workflow.Scheduling;

/// <summary>
/// Turns a cron string into a Quartz <see cref="CronExpression"/> that runs on wall-clock time: it is set to UTC
/// so that it yields local date-times with no DST logic of its own; <see cref="CronSchedule"/> then maps them
/// into the real zone under the pipeline's DST policy.
/// </summary>
public static class CronParser
{
    public static bool TryParse(string? cron, out CronExpression? expression, out string? error)
    {
        expression = null;
        if (!CronTranslator.TryTranslate(cron, out var quartz, out error))
        {
            return false;
        }

        try
        {
            expression = new CronExpression(quartz) { TimeZone = TimeZoneInfo.Utc };
            return true;
        }
        catch (FormatException e)
        {
            error = $"'{cron}' is not a valid cron expression: {e.Message.TrimEnd('.')}.";
            return false;
        }
    }

    /// <summary>Parses or throws <see cref="ArgumentException"/> with the reason.</summary>
    public static CronExpression Parse(string? cron) =>
        TryParse(cron, out var expression, out var error) ? expression! : throw new ArgumentException(error, nameof(cron));
}
