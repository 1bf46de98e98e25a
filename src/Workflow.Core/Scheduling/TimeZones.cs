using NodaTime;

namespace Workflow.Scheduling;

/// <summary>Looks up IANA time zones (the tz database bundled with NodaTime, so every host agrees).</summary>
public static class TimeZones
{
    public static DateTimeZone? Find(string? id) =>
        string.IsNullOrWhiteSpace(id) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);

    public static DateTimeZone Get(string? id) => Find(id) ?? throw new ArgumentException(
        $"'{id}' is not a known IANA time zone; use a name such as 'UTC', 'Europe/London' or 'America/New_York'.",
        nameof(id));
}
