using System.Buffers;
using System.Text.Json;
using Workflow.Parameters;

namespace Workflow.Execution;

/// <summary>
/// The input of an attempt: a JSON object keyed by upstream task id holding the outputs of the upstream
/// tasks that succeeded. A map instance also gets <c>$item</c> (its element) and <c>$index</c>.
/// Building it costs O(parents + output sizes).
/// </summary>
internal static class TaskInput
{
    public static JsonElement Build(RunState state, RunIndex index, UnitState unit)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var written = new HashSet<int>();
            foreach (var p in index.Graph.Parents(unit.Task))
            {
                var parent = state.Tasks[p];
                if (parent.Status != TaskStatus.Succeeded || !written.Add(p))
                {
                    continue;
                }

                writer.WritePropertyName(parent.Id);
                WriteValue(writer, parent.Output);
            }

            if (unit.Index >= 0)
            {
                writer.WritePropertyName("$item");
                WriteValue(writer, unit.Item);
                writer.WriteNumber("$index", unit.Index);
            }

            ValuesOf(state).WriteTo(writer);

            writer.WriteEndObject();
        }

        return Parse(buffer);
    }

    /// <summary>The run's parameters and variables, as templates and handlers see them.</summary>
    public static RunValues ValuesOf(RunState state) =>
        new(state.RunId, state.LogicalTime, state.DataIntervalStart ?? state.LogicalTime, state.LogicalTime,
            state.Parameters is { ValueKind: JsonValueKind.Object } p ? p : EmptyObject);

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    public static JsonElement ArrayOf(IEnumerable<JsonElement?> values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                WriteValue(writer, value);
            }

            writer.WriteEndArray();
        }

        return Parse(buffer);
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonElement? value)
    {
        if (value is { ValueKind: not JsonValueKind.Undefined } v)
        {
            v.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static JsonElement Parse(ArrayBufferWriter<byte> buffer)
    {
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
