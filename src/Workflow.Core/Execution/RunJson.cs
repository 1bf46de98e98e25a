using System.Text.Json;

namespace Workflow.Execution;

/// <summary>Reads and writes run events, commands and decider state in their JSON form.</summary>
public static class RunJson
{
    public static string Serialize(RunState state) => JsonSerializer.Serialize(state, RunJsonContext.Default.RunState);

    public static string Serialize(RunEvent @event) => JsonSerializer.Serialize(@event, RunJsonContext.Default.RunEvent);

    public static string Serialize(RunCommand command) =>
        JsonSerializer.Serialize(command, RunJsonContext.Default.RunCommand);

    public static string Serialize(IEnumerable<RunCommand> commands) =>
        JsonSerializer.Serialize(commands.ToList(), RunJsonContext.Default.ListRunCommand);

    public static RunState DeserializeState(string json) =>
        JsonSerializer.Deserialize(json, RunJsonContext.Default.RunState)
        ?? throw new JsonException("The run state JSON is 'null'; expected an object written by RunJson.Serialize.");

    public static RunEvent DeserializeEvent(string json) =>
        JsonSerializer.Deserialize(json, RunJsonContext.Default.RunEvent)
        ?? throw new JsonException("The run event JSON is 'null'; expected an object with a 'type'.");

    public static RunCommand DeserializeCommand(string json) =>
        JsonSerializer.Deserialize(json, RunJsonContext.Default.RunCommand)
        ?? throw new JsonException("The run command JSON is 'null'; expected an object with a 'type'.");
}
