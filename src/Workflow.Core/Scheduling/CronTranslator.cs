using System.Globalization;

namespace Workflow.Scheduling;

/// <summary>
/// Rewrites standard cron (five fields, or six with seconds first) into Quartz syntax; Quartz's
/// <c>CronExpression</c> does all the parsing. Three differences need care: Quartz has a seconds field; it wants
/// <c>?</c> in exactly one of day-of-month and day-of-week; and it numbers days of the week 1-7 from Sunday where
/// cron numbers them 0-6 (7 also Sunday). <c>0 2 * * MON</c> becomes <c>0 0 2 ? * MON</c>.
/// </summary>
public static class CronTranslator
{
    private static readonly Dictionary<string, string> Macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>Translates <paramref name="cron"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryTranslate(string? cron, out string quartz, out string? error)
    {
        quartz = "";
        error = null;
        if (string.IsNullOrWhiteSpace(cron))
        {
            error = "The cron expression is empty.";
            return false;
        }

        var text = Macros.TryGetValue(cron.Trim(), out var expanded) ? expanded : cron;
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is not (5 or 6))
        {
            error = $"'{cron}' has {fields.Length} fields; cron needs 5 (minute hour day month weekday) " +
                    "or 6 (second first).";
            return false;
        }

        if (fields.Length == 5)
        {
            fields = ["0", .. fields];
        }

        var (dayOfMonth, dayOfWeek) = (fields[3], fields[5]);
        if (dayOfWeek is "*" or "?")
        {
            dayOfWeek = "?";
        }
        else if (dayOfMonth is "*" or "?")
        {
            dayOfMonth = "?";
            if (!TryTranslateDaysOfWeek(dayOfWeek, out dayOfWeek, out error))
            {
                return false;
            }
        }
        else
        {
            error = $"'{cron}' restricts both the day of month ('{dayOfMonth}') and the day of week " +
                    $"('{dayOfWeek}'), which is not supported. Set one of them to '*', or use two schedules.";
            return false;
        }

        quartz = string.Join(' ', fields[0], fields[1], fields[2], dayOfMonth, fields[4], dayOfWeek);
        return true;
    }

    private static bool TryTranslateDaysOfWeek(string field, out string quartz, out string? error)
    {
        var items = field.Split(',');
        for (var i = 0; i < items.Length; i++)
        {
            if (!TryTranslateItem(items[i], out items[i], out error))
            {
                quartz = "";
                return false;
            }
        }

        error = null;
        quartz = string.Join(',', items);
        return true;
    }

    // One comma-separated item: d, d#k (k-th weekday d of the month), dL (last weekday d), a-b, */s, a-b/s.
    private static bool TryTranslateItem(string item, out string quartz, out string? error)
    {
        quartz = item;
        error = null;
        var hash = item.IndexOf('#', StringComparison.Ordinal);
        if (hash > 0)
        {
            return TryDay(item[..hash], out var day, out error) && Emit(DayNames[day] + item[hash..], out quartz);
        }

        if (item.Length > 1 && item.EndsWith('L'))
        {
            return TryDay(item[..^1], out var day, out error) &&
                   Emit((day + 1).ToString(CultureInfo.InvariantCulture) + "L", out quartz);
        }

        if (!item.Contains('-', StringComparison.Ordinal) && !item.Contains('/', StringComparison.Ordinal))
        {
            return TryDay(item, out var day, out error) && Emit(DayNames[day], out quartz);
        }

        // Ranges and steps are expanded to explicit days, so a range ending in 7 (Sunday) stays right.
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var range = slash < 0 ? item : item[..slash];
        var step = 1;
        if (slash >= 0 && (!int.TryParse(item[(slash + 1)..], CultureInfo.InvariantCulture, out step) || step < 1))
        {
            error = $"The day-of-week step in '{item}' must be a positive whole number.";
            return false;
        }

        int first = 0, last = 6;
        if (range != "*")
        {
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            if (!TryDay(dash < 0 ? range : range[..dash], out first, out error, allowSeven: true) ||
                (dash >= 0 && !TryDay(range[(dash + 1)..], out last, out error, allowSeven: true)))
            {
                return false;
            }

            last = dash < 0 ? 6 : last;
            if (first > last)
            {
                error = $"The day-of-week range '{range}' runs backwards; write it from the earlier day (0 or SUN).";
                return false;
            }
        }

        var days = new SortedSet<string>(StringComparer.Ordinal);
        for (var d = first; d <= last; d += step)
        {
            days.Add(DayNames[d % 7]);
        }

        return Emit(string.Join(',', days), out quartz);
    }

    private static bool TryDay(string text, out int day, out string? error, bool allowSeven = false)
    {
        error = null;
        var index = Array.FindIndex(DayNames, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            day = index;
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out day) && day is >= 0 and <= 7)
        {
            day = allowSeven ? day : day % 7;
            return true;
        }

        error = $"'{text}' is not a day of the week; use 0-7 (0 and 7 are Sunday) or SUN, MON, ... SAT.";
        return false;
    }

    private static bool Emit(string value, out string quartz)
    {
        quartz = value;
        return true;
    }
}
