using Workflow.Cli.Rendering;

namespace Workflow.Cli.Tests.Rendering;

public sealed class FormatsTests
{
    [Theory]
    [InlineData(0.25, "250ms")]
    [InlineData(12.34, "12.3s")]
    [InlineData(65, "1m05s")]
    [InlineData(7380, "2h03m")]
    [InlineData(97200, "1d03h")]
    [InlineData(-3, "0ms")]
    public void Durations_are_short_and_culture_independent(double seconds, string expected)
    {
        Assert.Equal(expected, Formats.Duration(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Percent_rounds_down_so_a_run_shows_100_only_when_done()
    {
        Assert.Equal("99%", Formats.Percent(0.999));
        Assert.Equal("100%", Formats.Percent(1));
    }

    [Fact]
    public void A_local_time_keeps_its_offset_so_daylight_saving_shows()
    {
        var preview = System.Text.Json.JsonSerializer.Deserialize("""
            {"schedule": "daily", "utc": "2026-07-06T04:00:00Z", "local": "2026-07-06T06:00:00+02:00",
             "timeZone": "Europe/Berlin"}
            """, ContractsJsonContext.Default.SchedulePreviewItem)!;

        Assert.Equal("2026-07-06 06:00:00 +02:00", Formats.LocalTime(preview.Local));
    }
}
