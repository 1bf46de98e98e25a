using Workflow.Durable.Sla;

namespace Workflow.Functions.Tests.Support;

/// <summary>The inputs the <c>PublishAlert</c> activity received, after the real activity handled each.</summary>
public sealed class AlertLog
{
    private readonly List<AlertInput> inputs = [];

    public void Add(AlertInput input)
    {
        lock (inputs)
        {
            inputs.Add(input);
        }
    }

    public IReadOnlyList<AlertInput> Snapshot()
    {
        lock (inputs)
        {
            return [.. inputs];
        }
    }
}
