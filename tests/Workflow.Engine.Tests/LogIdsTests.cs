using System.Reflection;

namespace Workflow.Engine.Tests;

public sealed class LogIdsTests
{
    [Fact]
    public void No_event_id_of_the_engine_is_used_for_two_messages()
    {
        // Arrange
        var constants = typeof(Log.Ids).GetFields(BindingFlags.Public | BindingFlags.Static);

        // Act
        var shared = constants.GroupBy(f => (int)f.GetRawConstantValue()!).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(f => f.Name))}").ToList();
        var messages = typeof(Log).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => m.GetCustomAttribute<Microsoft.Extensions.Logging.LoggerMessageAttribute>())
            .OfType<Microsoft.Extensions.Logging.LoggerMessageAttribute>().ToList();

        // Assert
        Assert.Empty(shared);
        Assert.Equal(constants.Length, messages.Count);
        Assert.Equal(messages.Count, messages.Select(m => m.EventId).Distinct().Count());
    }
}
