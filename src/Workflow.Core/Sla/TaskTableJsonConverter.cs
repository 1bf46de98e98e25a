using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Sla;

/// <summary>
/// A <see cref="TaskTable"/> as a JSON object of records by id, in the table's order: the shape the monitor's
/// state had when its tasks were a plain map, so that a state saved then reads back now, and the other way round.
/// </summary>
internal sealed class TaskTableJsonConverter : JsonConverter<TaskTable>
{
    public override TaskTable Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"The monitor's tasks must be a JSON object of tasks by id, not {reader.TokenType}.");
        }

        var tasks = new List<TaskSla>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var id = reader.GetString()!;
            reader.Read();
            var task = JsonSerializer.Deserialize<TaskSla>(ref reader, options) ??
                       throw new JsonException($"The monitor's task '{id}' is null.");
            if (task.Id != id)
            {
                throw new JsonException($"The monitor's task listed as '{id}' has the id '{task.Id}'.");
            }

            tasks.Add(task);
        }

        return TaskTable.Of(tasks);
    }

    public override void Write(Utf8JsonWriter writer, TaskTable value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (id, task) in value)
        {
            writer.WritePropertyName(id);
            JsonSerializer.Serialize(writer, task, options);
        }

        writer.WriteEndObject();
    }
}
