using System.Globalization;

namespace Workflow.Cli.Rendering;

/// <summary>Short, culture-independent text for durations, instants and loose JSON values in tables and lines.</summary>
public static class Formats
{
    public static string Duration(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            value = TimeSpan.Zero;
        }

        var c = CultureInfo.InvariantCulture;
        return value.TotalSeconds switch
        {
            < 1 => string.Create(c, $"{(int)value.TotalMilliseconds}ms"),
            < 60 => string.Create(c, $"{value.TotalSeconds:0.0}s"),
            < 3600 => string.Create(c, $"{value.Minutes}m{value.Seconds:00}s"),
            < 86400 => string.Create(c, $"{(int)value.TotalHours}h{value.Minutes:00}m"),
            _ => string.Create(c, $"{(int)value.TotalDays}d{value.Hours:00}h"),
        };
    }

    public static string Duration(TimeSpan? value) => value is null ? "-" : Duration(value.Value);

    public static string Instant(DateTimeOffset? value) =>
        value is null ? "-" : value.Value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>How long something took, or has taken so far when it is still going.</summary>
    public static string Elapsed(DateTimeOffset? started, DateTimeOffset? finished, DateTimeOffset now) =>
        started is null ? "-" : Duration((finished ?? now) - started.Value);

    public static string Percent(double fraction) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(Math.Clamp(fraction, 0, 1) * 100):0}%");

    /// <summary>A wall-clock time with its offset, so DST shows.</summary>
    public static string LocalTime(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    public static string Truncate(string? text, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var line = text.ReplaceLineEndings(" ");
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }
}
