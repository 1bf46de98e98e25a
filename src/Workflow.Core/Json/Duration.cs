using System.Globalization;
using System.Text;
using System.Xml;

namespace Workflow.Json;

/// <summary>Parses and formats the short duration syntax used in pipeline JSON, the CLI and the API.</summary>
public static class Duration
{
    /// <summary>
    /// Parses the short syntax, <c>hh:mm:ss</c> or ISO 8601; false for text that is not a duration and for one too
    /// large for <see cref="TimeSpan"/>, so that no input can make a caller throw.
    /// </summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = default;
        text = text.Trim();
        if (text.Length == 0)
        {
            return false;
        }

        if (text.StartsWith('P') || text.StartsWith("-P", StringComparison.Ordinal))
        {
            try
            {
                value = XmlConvert.ToTimeSpan(text);
                return true;
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
            {
                return false;
            }
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
        }

        return TryParseUnits(text, out value);
    }

    /// <summary>
    /// Whether <paramref name="text"/> is a duration with a minus sign: <c>-PT5S</c> and <c>-00:00:05</c> parse as
    /// negative, and <c>-5s</c>, which the short syntax does not read, would be one. No duration field takes a
    /// negative value, so the error says that rather than that it is not a duration.
    /// </summary>
    public static bool IsNegative(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        return TryParse(trimmed, out var value)
            ? value < TimeSpan.Zero
            : trimmed.StartsWith('-') && TryParse(trimmed[1..], out var magnitude) && magnitude > TimeSpan.Zero;
    }

    /// <summary>What is wrong with <paramref name="text"/>, which <see cref="TryParse"/> refused, quoting it.</summary>
    public static string Refusal(string text) => IsNegative(text)
        ? $"'{text}' is negative: durations cannot be negative"
        : $"'{text}' is not a duration (or is too long for one)";

    private static bool TryParseUnits(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var i = 0;
        var any = false;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (start == i || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.Float,
                    CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < text.Length && char.IsLetter(text[i]))
            {
                i++;
            }

            double? seconds = text.AsSpan(unitStart, i - unitStart) switch // a span: no string per unit
            {
                "ms" => number / 1000,
                "s" => number,
                "m" => number * 60,
                "h" => number * 3600,
                "d" => number * 86_400,
                "w" => number * 604_800,
                _ => null,
            };
            if (seconds is null || !TryFromSeconds(seconds.Value, out var part) || value > TimeSpan.MaxValue - part)
            {
                return false;
            }

            value += part;
            any = true;
        }

        return any;
    }

    /// <summary>A number of seconds as a duration; false for NaN, infinities and values beyond <see cref="TimeSpan"/>.</summary>
    public static bool TryFromSeconds(double seconds, out TimeSpan value)
    {
        // Compared in ticks as a double: TimeSpan.MaxValue.TotalSeconds rounds up, so it would let overflow through.
        var ticks = seconds * TimeSpan.TicksPerSecond;
        if (double.IsFinite(ticks) && ticks < long.MaxValue && ticks > long.MinValue)
        {
            value = TimeSpan.FromTicks((long)ticks);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>A JSON duration: a number of seconds or a string in any syntax <see cref="TryParse"/> reads.</summary>
    public static bool TryRead(System.Text.Json.JsonElement element, out TimeSpan value)
    {
        value = default;
        return element.ValueKind switch
        {
            System.Text.Json.JsonValueKind.Number => element.TryGetDouble(out var seconds) &&
                                                     TryFromSeconds(seconds, out value),
            System.Text.Json.JsonValueKind.String => TryParse(element.GetString()!, out value),
            _ => false,
        };
    }

    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var sb = new StringBuilder();
        if (value < TimeSpan.Zero)
        {
            sb.Append('-');
            value = value.Negate();
        }

        Append(sb, value.Days, "d");
        Append(sb, value.Hours, "h");
        Append(sb, value.Minutes, "m");
        Append(sb, value.Seconds, "s");
        var ms = value.Ticks % TimeSpan.TicksPerSecond;
        if (ms != 0)
        {
            sb.Append((ms / (double)TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture)).Append("ms");
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, int amount, string unit)
    {
        if (amount != 0)
        {
            sb.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }
}
