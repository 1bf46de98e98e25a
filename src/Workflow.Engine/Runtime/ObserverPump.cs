using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Workflow.Engine.Runtime;

/// <summary>Delivers observations to the <see cref="IRunObserver"/>s off the writer's thread, in order.</summary>
internal sealed class ObserverPump(IReadOnlyList<IRunObserver> observers, ILogger logger)
{
    private readonly Channel<Action<IRunObserver>> _channel =
        Channel.CreateUnbounded<Action<IRunObserver>>(new UnboundedChannelOptions { SingleReader = true });

    // An array, walked by index: a foreach over the list as an interface boxes an enumerator for every
    // observation, two per task of a run (20,000 for a 10,000-task run).
    private readonly IRunObserver[] _observers = [.. observers];

    public bool Active => _observers.Length > 0;

    public void Publish(Action<IRunObserver> observation)
    {
        if (_observers.Length > 0)
        {
            _channel.Writer.TryWrite(observation);
        }
    }

    public void Complete() => _channel.Writer.TryComplete();

    public async Task RunAsync()
    {
        await foreach (var observation in _channel.Reader.ReadAllAsync())
        {
            // The pump may run on a thread of its own (DedicatedThread), whose context would take back any await an
            // observer does inside: an observer that blocks on async work would then wait for itself. Observers run
            // with no context, as they would on the thread pool; the pump's own awaits keep it.
            var pumpContext = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(null);
            try
            {
                Deliver(observation);
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(pumpContext);
            }
        }
    }

    private void Deliver(Action<IRunObserver> observation)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observation(observer);
            }
            catch (Exception ex)
            {
                Log.ObserverFailed(logger, observer.GetType().Name, ex);
            }
        }
    }
}
