using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Workflow.Parameters;

namespace Workflow.Execution;

/// <summary>
/// The members of an attempt's input that are the same for every attempt of a run: <c>$params</c> and
/// <c>$run</c> (<see cref="RunValues"/>), which the decider writes from the run's state. A host that stores
/// attempts (the embedded engine's <c>task_attempts</c>) can keep the input without them
/// (<see cref="Without"/>) and add them back from the run's state when it rebuilds the attempt
/// (<see cref="Restore"/>), so each attempt row does not repeat them.
/// </summary>
public static class RunLevelInput
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    /// <summary>The input's UTF-8 JSON without its run-level members; null for no input.</summary>
    public static byte[]? Without(JsonElement? input)
    {
        if (input is not { ValueKind: JsonValueKind.Object } value)
        {
            return input is { } other ? JsonMarshal.GetRawUtf8Value(other).ToArray() : null;
        }

        var kept = 0;
        foreach (var member in value.EnumerateObject())
        {
            if (!IsRunLevel(member))
            {
                kept++;
            }
        }

        if (kept == 0)
        {
            return EmptyObject;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var member in value.EnumerateObject())
            {
                if (!IsRunLevel(member))
                {
                    member.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The input an attempt of this run was given: <paramref name="stored"/> with the run-level members written
    /// from <paramref name="state"/>. An input stored whole (before inputs were stored without them) already has
    /// them and is returned as it is.
    /// </summary>
    public static JsonElement? Restore(JsonElement? stored, RunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (stored is not { ValueKind: JsonValueKind.Object } value || value.TryGetProperty(RunValues.RunKey, out _))
        {
            return stored;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var member in value.EnumerateObject())
            {
                member.WriteTo(writer);
            }

            TaskInput.ValuesOf(state).WriteTo(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static bool IsRunLevel(JsonProperty member) =>
        member.NameEquals(RunValues.ParamsKey) || member.NameEquals(RunValues.RunKey);
}
