using System.Collections.Immutable;
using System.Text.Json;
using Workflow.Execution;
using Workflow.Sla;
using static Workflow.Core.Tests.Sla.SlaFixtures;

namespace Workflow.Core.Tests.Sla;

public class TaskTableTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static TaskSla Task(string id, params string[] dependsOn) =>
        new(id, [.. dependsOn], DurationEstimate.Fixed(H(1), EstimateSource.Configured), null, TaskPhase.Pending);

    [Fact]
    public void A_change_makes_a_new_version_and_leaves_the_old_one_as_it_was()
    {
        // Arrange: more tasks than one chunk holds, so that changes land in different chunks.
        var tasks = Enumerable.Range(0, TaskTable.ChunkSize * 3 + 5).Select(i => Task($"t{i}")).ToList();
        var table = TaskTable.Of(tasks);

        // Act
        var builder = table.ToBuilder();
        builder.Set(tasks[1] with { Phase = TaskPhase.Running });
        builder.Set(tasks[^1] with { Phase = TaskPhase.Done });
        var first = builder.ToTable();
        builder.Set(tasks[2] with { Phase = TaskPhase.Running });
        var second = builder.ToTable();

        // Assert
        Assert.All(table.Values, t => Assert.Equal(TaskPhase.Pending, t.Phase));
        Assert.Equal(TaskPhase.Running, first["t1"].Phase);
        Assert.Equal(TaskPhase.Done, first[tasks[^1].Id].Phase);
        Assert.Equal(TaskPhase.Pending, first["t2"].Phase);
        Assert.Equal(TaskPhase.Running, second["t2"].Phase);
        Assert.Equal(TaskPhase.Running, second["t1"].Phase);
        Assert.Equal(tasks.Select(t => t.Id), second.Keys);
    }

    [Fact]
    public void A_task_the_table_was_not_made_with_is_refused_by_name()
    {
        var table = TaskTable.Of([Task("a")]);

        var error = Assert.Throws<InvalidOperationException>(() => table.SetItem(Task("b")));

        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
        Assert.False(table.ContainsKey("b"));
        Assert.Throws<KeyNotFoundException>(() => table["b"]);
    }

    [Fact]
    public void Its_json_is_the_object_of_tasks_by_id_that_a_plain_map_wrote_and_reads_back_from_it()
    {
        // Arrange: the shape monitors were saved in before the table, written by a plain persistent map.
        var tasks = new[] { Task("extract"), Task("load", "extract"), Task("report", "load") };
        var map = tasks.ToImmutableDictionary(t => t.Id, StringComparer.Ordinal);
        var saved = JsonSerializer.Serialize(map, Web);

        // Act
        var read = JsonSerializer.Deserialize<TaskTable>(saved, Web)!;
        var written = JsonSerializer.Serialize(TaskTable.Of(tasks), Web);

        // Assert: the same text both ways (the map's order is its own, so the table's is read back in it).
        Assert.Equal(tasks.Select(t => t.Id).Order(StringComparer.Ordinal), read.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(saved, JsonSerializer.Serialize(read, Web));
        var writtenAsMap = JsonSerializer.Deserialize<ImmutableDictionary<string, TaskSla>>(written, Web)!;
        Assert.Equal(saved, JsonSerializer.Serialize(writtenAsMap, Web));
    }

    [Fact]
    public void Json_whose_key_and_id_disagree_is_refused_by_name()
    {
        const string json = """{"a":{"id":"b","dependsOn":[],"estimate":{"p50":"01:00:00","p95":"01:00:00"},"phase":0}}""";

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TaskTable>(json, Web));

        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }
}
