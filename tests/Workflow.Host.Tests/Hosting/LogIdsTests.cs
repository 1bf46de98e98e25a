using System.Reflection;

namespace Workflow.Host.Tests.Hosting;

public sealed class LogIdsTests
{
    [Fact]
    public void The_hosts_event_ids_are_distinct_and_inside_its_own_range_clear_of_the_engines_alert_ids()
    {
        // Arrange
        var constants = typeof(Log.Ids).GetFields(BindingFlags.Public | BindingFlags.Static);

        // Act
        var ids = constants.Select(f => (int)f.GetRawConstantValue()!).ToList();

        // Assert
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.InRange(id, 6100, 6199));
    }
}
