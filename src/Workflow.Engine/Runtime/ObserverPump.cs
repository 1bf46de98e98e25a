using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Workflow.Engine.Runtime;

/// <summary>Delivers observations to the <see cref="IRunObserver"/>s off the writer's thread, in order.</summary>
internal sealed class ObserverPump(IReadOnlyList<IRunObserver> observers, ILogger logger)
{
    private readonly Channel<Action<IRunObserver>> _channel =
        Channel.CreateUnbounded<Action<IRunObserver>>(new UnboundedChannelOptions { SingleReader = true });

    public bool Active => observers.Count > 0;

    public void Publish(Action<IRunObserver> observation)
    {
        if (observers.Count > 0)
        {
            _channel.Writer.TryWrite(observation);
        }
    }

    public void Complete() => _channel.Writer.TryComplete();

    public async Task RunAsync()
    {
        await foreach (var observation in _channel.Reader.ReadAllAsync())
        {
            foreach (var observer in observers)
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
}
