using Microsoft.Extensions.Logging.Abstractions;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>
/// The pump hands every observation of a run to every observer, two per task: the hand-off itself must not
/// allocate per observation, as what it allocates is collected while the engine's writer runs.
/// </summary>
public sealed class ObserverPumpTests
{
    [Fact]
    public async Task Delivering_an_observation_to_its_observers_allocates_nothing()
    {
        // Arrange: two observers; the first notes its thread's allocation at the 10th and the last delivery.
        const int count = 1_000;
        var counting = new CountingObserver(first: 10, last: count);
        var pump = new ObserverPump([counting, new CountingObserver(0, 0)], NullLogger.Instance);
        Action<IRunObserver> observation = o => ((CountingObserver)o).Note();
        for (var i = 0; i < count; i++)
        {
            pump.Publish(observation);
        }

        pump.Complete();

        // Act
        await pump.RunAsync();

        // Assert
        Assert.Equal(count, counting.Calls);
        Assert.Equal(0, counting.AllocatedBetween);
    }

    private sealed class CountingObserver(int first, int last) : IRunObserver
    {
        private long _atFirst;

        public int Calls { get; private set; }

        public long AllocatedBetween { get; private set; } = -1;

        public void Note()
        {
            Calls++;
            if (Calls == first)
            {
                _atFirst = GC.GetAllocatedBytesForCurrentThread();
            }
            else if (Calls == last)
            {
                AllocatedBetween = GC.GetAllocatedBytesForCurrentThread() - _atFirst;
            }
        }
    }
}
