using Workflow.Scheduling;

namespace Workflow.Core.Tests.Scheduling;

public class CronTranslatorTests
{
    [Theory]
    [InlineData("0 2 * * MON", "0 0 2 ? * MON")]
    [InlineData("*/5 * * * *", "0 */5 * * * ?")]
    [InlineData("30 0 9 * * *", "30 0 9 * * ?")]
    [InlineData("0 9 L * *", "0 0 9 L * ?")]
    [InlineData("0 9 * * MON#1", "0 0 9 ? * MON#1")]
    [InlineData("0 9 * * 1#1", "0 0 9 ? * MON#1")]
    [InlineData("0 0 * * 0", "0 0 0 ? * SUN")]
    [InlineData("0 0 * * 7", "0 0 0 ? * SUN")]
    [InlineData("0 0 * * 1-5", "0 0 0 ? * FRI,MON,THU,TUE,WED")]
    [InlineData("0 0 * * 5-7", "0 0 0 ? * FRI,SAT,SUN")]
    [InlineData("0 0 * * */2", "0 0 0 ? * SAT,SUN,THU,TUE")]
    [InlineData("0 0 * * 5L", "0 0 0 ? * 6L")]
    [InlineData("@daily", "0 0 0 * * ?")]
    public void Standard_cron_becomes_quartz_syntax(string cron, string quartz)
    {
        Assert.True(CronTranslator.TryTranslate(cron, out var translated, out var error), error);
        Assert.Equal(quartz, translated);
    }

    [Theory]
    [InlineData("0 2 * *", "4 fields")]
    [InlineData("0 2 1 * MON", "both the day of month")]
    [InlineData("0 2 * * 8", "'8' is not a day of the week")]
    [InlineData("0 2 * * 5-1", "runs backwards")]
    [InlineData("", "empty")]
    public void Untranslatable_cron_says_why(string cron, string reason)
    {
        Assert.False(CronTranslator.TryTranslate(cron, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Quartz_rejections_are_passed_on_with_the_expression()
    {
        Assert.False(CronParser.TryParse("0 25 * * *", out _, out var error));
        Assert.Contains("'0 25 * * *'", error, StringComparison.Ordinal);
    }
}
