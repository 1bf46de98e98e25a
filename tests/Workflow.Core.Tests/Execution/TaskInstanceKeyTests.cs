using Workflow.Execution;

namespace Workflow.Core.Tests.Execution;

public class TaskInstanceKeyTests
{
    [Theory]
    [InlineData("load", "load", null)]
    [InlineData("load[3]", "load", 3)]
    [InlineData("a.b-c_d[12]", "a.b-c_d", 12)]
    [InlineData("load[x]", "load", null)]
    [InlineData("[3]", "[3]", null)]
    public void Parse_reads_the_task_id_and_the_map_index(string key, string taskId, int? index)
    {
        // Act
        var parsed = TaskInstanceKey.Parse(key);

        // Assert
        Assert.Equal((taskId, index), (parsed.TaskId, parsed.Index));
        Assert.Equal(taskId, TaskInstanceKey.TaskIdOf(key));
    }

    [Fact]
    public void A_made_key_reads_back_as_the_same_task_and_index()
    {
        // Act
        var key = TaskInstanceKey.Of("load", 7);

        // Assert
        Assert.Equal("load[7]", key);
        Assert.Equal(new TaskInstanceKey("load", 7), TaskInstanceKey.Parse(key));
        Assert.Equal("load", new TaskInstanceKey("load").ToString());
    }
}
