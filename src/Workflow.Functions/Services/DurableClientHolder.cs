using Microsoft.DurableTask.Client;

namespace Workflow.Functions.Services;

/// <summary>
/// The Durable client of the current invocation. The Functions runtime hands a <see cref="DurableTaskClient"/> to a
/// function through its <c>[DurableClient]</c> binding only; each HTTP and timer function puts it here (a scoped
/// service, one per invocation) so that the services those functions call can use it.
/// </summary>
public sealed class DurableClientHolder
{
    private DurableTaskClient? client;

    public DurableTaskClient Client
    {
        get => client ?? throw new InvalidOperationException(
            "No Durable client in this invocation: the function must take [DurableClient] and set it first.");
        set => client = value;
    }
}
