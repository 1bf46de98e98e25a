using System.Text.Json;
using Workflow.Execution;

namespace Workflow.Durable;

/// <summary>
/// The decider state inside a continue-as-new snapshot. It travels as a JSON element in the decider's own
/// JSON form, so the task hub's serializer never has to know the state's shape.
/// </summary>
internal static class RunStateCodec
{
    public static JsonElement Write(RunState state)
    {
        using var document = JsonDocument.Parse(RunDecider.Snapshot(state));
        return document.RootElement.Clone();
    }

    public static RunState Read(JsonElement json) => RunDecider.Restore(json.GetRawText());
}
