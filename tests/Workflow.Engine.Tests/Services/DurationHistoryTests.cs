using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Services;
using Workflow.Engine.Tests.Support;

namespace Workflow.Engine.Tests.Services;

public sealed class DurationHistoryTests
{
    [Fact]
    public async Task Each_tasks_newest_durations_come_back_newest_first_however_long_the_history()
    {
        // Arrange: three tasks of "etl" with 40, 3 and 25 durations (finished_at ascending, duration = its index),
        // and rows of another pipeline in between.
        await using var engine = await TestEngine.StartAsync();
        var db = Path.Combine(engine.DataDirectory, "workflow.db");
        var rows = new StringBuilder("INSERT INTO task_durations (pipeline_id, task_id, run_id, attempt, finished_at, duration_ms) VALUES ");
        var values = new List<string>();
        foreach (var (task, count) in new[] { ("extract", 40), ("load", 3), ("report", 25) })
        {
            for (var i = 0; i < count; i++)
            {
                values.Add(string.Create(CultureInfo.InvariantCulture, $"('etl', '{task}', 'r{i}', 1, {1000 + i}, {i})"));
                values.Add(string.Create(CultureInfo.InvariantCulture, $"('other', '{task}', 'o{i}', 1, {5000 + i}, 999)"));
            }
        }

        await SqliteFile.ExecuteAsync(db, rows.Append(string.Join(", ", values)).Append(';').ToString());
        var history = engine.Services.GetRequiredService<DurationHistory>();

        // Act
        var recent = await history.RecentByTaskAsync("etl", 5, CancellationToken.None);
        var none = await history.RecentByTaskAsync("nothing", 5, CancellationToken.None);

        // Assert
        Assert.Equal(["extract", "load", "report"], recent.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([39, 38, 37, 36, 35], recent["extract"].Select(d => (int)d.TotalMilliseconds));
        Assert.Equal([2, 1, 0], recent["load"].Select(d => (int)d.TotalMilliseconds));
        Assert.Equal([24, 23, 22, 21, 20], recent["report"].Select(d => (int)d.TotalMilliseconds));
        Assert.Empty(none);
    }
}
