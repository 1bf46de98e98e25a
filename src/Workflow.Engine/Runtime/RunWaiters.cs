using System.Collections.Concurrent;
using Workflow.Execution;

namespace Workflow.Engine.Runtime;

/// <summary>Lets in-process callers (tests, the benchmark, a CLI host) await the end of a run without polling.</summary>
internal sealed class RunWaiters
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RunStatus>> _waiters = new(StringComparer.Ordinal);

    public Task<RunStatus> For(string runId) =>
        _waiters.GetOrAdd(runId, _ => new TaskCompletionSource<RunStatus>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Complete(string runId, RunStatus status)
    {
        if (_waiters.TryRemove(runId, out var waiter))
        {
            waiter.TrySetResult(status);
        }
    }
}
