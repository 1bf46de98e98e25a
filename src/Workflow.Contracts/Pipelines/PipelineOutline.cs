using System.Text.Json;

namespace Workflow.Contracts;

/// <summary>
/// <c>GET /api/pipelines/{id}/outline</c>: what a client needs of a definition without reading the definition
/// format: the parameters a trigger may send and the tasks with their dependencies, so that <c>wf</c> types
/// <c>--param</c> values and sizes a run's progress before every task has started.
/// </summary>
public sealed record PipelineOutline(string PipelineId, int Version, IReadOnlyList<ParameterSpec> Parameters,
    IReadOnlyList<TaskOutline> Tasks);

/// <summary>
/// A declared run parameter: its name, its type (<c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>,
/// <c>array</c>, <c>object</c>, <c>date-time</c>; a string, so that a newer server's types still read), whether a
/// trigger must send it, and the value it takes otherwise.
/// </summary>
public sealed record ParameterSpec(string Name, string Type, bool Required, JsonElement? Default = null,
    string? Description = null);

/// <summary>
/// A task of the definition: its id, the tasks it waits for, and the duration the definition expects of it in
/// seconds (null when it names none; history is <see cref="ExpectedDurations"/>).
/// </summary>
public sealed record TaskOutline(string Id, IReadOnlyList<string> DependsOn, double? ExpectedSeconds = null);
