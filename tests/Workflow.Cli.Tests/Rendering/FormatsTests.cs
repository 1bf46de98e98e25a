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
}
