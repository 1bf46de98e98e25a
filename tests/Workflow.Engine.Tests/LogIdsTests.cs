using System.Reflection;

namespace Workflow.Engine.Tests;

public sealed class LogIdsTests
{
    [Fact]
    public void No_event_id_of_the_engine_or_of_the_runtime_it_runs_is_used_for_two_messages()
    {
        // Arrange: the handlers and the tick log from Workflow.Runtime, in the engine's id ranges.
        var constants = typeof(Log.Ids).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Concat(typeof(Workflow.Runtime.Log.Ids).GetFields(BindingFlags.Public | BindingFlags.Static)).ToList();

        // Act
        var shared = constants.GroupBy(f => (int)f.GetRawConstantValue()!).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(f => f.Name))}").ToList();
        var messages = new[] { typeof(Log), typeof(Workflow.Runtime.Log) }
            .SelectMany(log => log.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Select(m => m.GetCustomAttribute<Microsoft.Extensions.Logging.LoggerMessageAttribute>())
            .OfType<Microsoft.Extensions.Logging.LoggerMessageAttribute>().ToList();

        // Assert
        Assert.Empty(shared);
        Assert.Equal(constants.Count, messages.Count);
        Assert.Equal(messages.Count, messages.Select(m => m.EventId).Distinct().Count());
    }
}
