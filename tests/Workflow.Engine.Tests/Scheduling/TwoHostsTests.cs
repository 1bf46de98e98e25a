using Workflow.Runtime.Scheduling;


namespace Workflow.Engine.Tests.Scheduling;

public sealed class TwoHostsTests
{
    [Fact]
    public async Task Two_tickers_on_one_sqlite_file_never_start_an_occurrence_twice()
    {
        // Arrange: two tickers, each with its own watermark store, on the same data file.
        await using var h = await SchedulerHarness.StartAsync(Weekly.Monday.AddMinutes(30));
        var ids = Enumerable.Range(0, 20).Select(i => $"p{i:00}").ToList();
        foreach (var id in ids)
        {
            await h.SaveAsync(Weekly.Hourly(id, catchUp: Model.CatchUpMode.All, maxRuns: 100));
        }

        var a = h.NewTicker();
        var b = h.NewTicker();

        // Act: both tick at the same moments, concurrently, through six hours.
        var reports = new List<TickReport>();
        for (var hour = 1; hour <= 6; hour++)
        {
            h.Clock.SetUtcNow(Weekly.Monday.AddHours(hour).AddSeconds(1));
            var pair = await Task.WhenAll(a.TickAsync(CancellationToken.None), b.TickAsync(CancellationToken.None));
            reports.AddRange(pair);
        }

        // Assert: every (pipeline, hour) has exactly one run, with the deterministic id.
        foreach (var id in ids)
        {
            var runs = await h.RunIdsAsync(id);
            Assert.Equal(Enumerable.Range(1, 6).Select(hour => $"{id}@20260105T{hour:00}0000Z"), runs);
        }

        Assert.All(reports, r => Assert.Equal(0, r.Failed));
    }
}
