using System.Threading.Channels;
using Workflow.Engine.Runtime;
using Workflow.Execution;

namespace Workflow.Engine.Starts;

/// <summary>Wakes the start gate when a run ends (a slot may have opened) or when a start was queued.</summary>
internal sealed class StartGateSignal : IRunObserver
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _channel.Writer.TryWrite(true);

    public void RunCompleted(RunInfo run, RunStatus status, RunSummary summary, DateTimeOffset at) => Wake();

    /// <summary>Completes at the next wake-up or after <paramref name="interval"/>, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan interval, TimeProvider time, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(interval, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            await _channel.Reader.ReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The interval passed: look anyway.
        }
    }
}
