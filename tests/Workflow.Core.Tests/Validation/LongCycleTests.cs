using System.Text.Json;
using Workflow.Validation;

namespace Workflow.Core.Tests.Validation;

/// <summary>A cycle through many tasks is named by its ends and a count, not by every task on it.</summary>
public class LongCycleTests
{
    private static string Ring(int count)
    {
        var tasks = Enumerable.Range(0, count).Select(i => new
        {
            id = $"t{i}",
            kind = "delay",
            config = new { duration = "0s" },
            dependsOn = new[] { $"t{(i + count - 1) % count}" },
        });
        return JsonSerializer.Serialize(new { id = "ring", ownerGroup = "g", tasks });
    }

    [Fact]
    public void A_cycle_through_thousands_of_tasks_shows_its_first_and_last_tasks_and_counts_the_rest()
    {
        var error = Assert.Single(new PipelineValidator().ValidateJson(Ring(5000), out _).Errors);

        Assert.Equal("tasks[1].dependsOn[0]", error.Path);
        Assert.StartsWith("The tasks form a cycle: t0 -> t1 -> ", error.Message, StringComparison.Ordinal);
        Assert.Contains("-> … (4,985 more) -> ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("-> t4999 -> t0.", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 400, $"The message is {error.Message.Length} characters long.");
    }

    [Fact]
    public void A_short_cycle_is_shown_whole()
    {
        var error = Assert.Single(new PipelineValidator().ValidateJson(Ring(17), out _).Errors);

        Assert.Equal("The tasks form a cycle: " + string.Join(" -> ", Enumerable.Range(0, 17).Select(i => $"t{i}")) +
                     " -> t0.", error.Message);
    }
}
