using System.Runtime.InteropServices;
using System.Text.Json;
using Workflow.Model;
using Workflow.Parameters;

namespace Workflow.Validation;

/// <summary>
/// Checks what a definition says about run parameters: distinct names, known types, defaults of their type,
/// schedule parameters that a run would accept, and templates in task config that name only declared parameters
/// and known run variables, so that a run never meets a parameter problem its pipeline could have shown at save.
/// </summary>
internal static class ParameterRules
{
    /// <summary>
    /// Checks the declarations and the schedules' parameters, and returns the check of each task's config templates,
    /// which the pass over the tasks makes (<see cref="TaskPass"/>); its errors are reported here, before any added
    /// to <paramref name="errors"/> later.
    /// </summary>
    public static TaskTemplates Check(PipelineDefinition definition, PipelineDefinition? stored,
        ErrorCollector errors)
    {
        var parameters = definition.Parameters ?? [];
        var names = Declarations(parameters, stored?.Parameters, errors);
        Schedules(definition, errors);
        return new TaskTemplates(names, errors.Section());
    }

    /// <summary>The templates in task <paramref name="i"/>'s config name only declared parameters and run variables.</summary>
    public static void CheckTask(TaskTemplates templates, int i, TaskDefinition? task)
    {
        if (task?.Config is { } config && MayHoldTemplate(config))
        {
            TemplatesIn(config, $"tasks[{i}].config", templates.Declared, templates.Errors);
        }
    }

    private static HashSet<string> Declarations(IReadOnlyList<ParameterDefinition> parameters,
        IReadOnlyList<ParameterDefinition>? stored, ErrorCollector errors)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < parameters.Count; i++)
        {
            var path = $"parameters[{i}]";
            var parameter = parameters[i];
            if (parameter is null)
            {
                errors.Add(path, "The parameter is null.", "Remove it or give an object with a 'name' and a 'type'.");
                continue;
            }

            var name = parameter.Name;
            if (Identifiers.Problem(name) is { } problem)
            {
                errors.Add($"{path}.name", $"The parameter name {problem}.", Identifiers.Rule);
            }
            else if (!seen.TryAdd(name, i))
            {
                errors.Add($"{path}.name", $"The parameter '{name}' is also defined at parameters[{seen[name]}].",
                    "Give each parameter a distinct name.");
            }

            // A description the stored version has, under the same name, predates the bound.
            if (DefinitionLimits.Description(parameter.Description) is { } description &&
                stored?.Any(p => p?.Name == name && p.Description == parameter.Description) != true)
            {
                errors.Add($"{path}.description", description, DefinitionLimits.DescriptionHint);
            }

            if (!ParameterTypes.IsKnown(parameter.Type))
            {
                errors.Add($"{path}.type", $"'{parameter.Type}' is not a parameter type.",
                    Suggestions.Hint(parameter.Type ?? "", ParameterTypes.All,
                        $"Use one of: {string.Join(", ", ParameterTypes.All)}."));
            }
            else if (parameter.Default is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } fallback &&
                     ParameterTypes.Mismatch(parameter.Type, fallback) is { } mismatch)
            {
                errors.Add($"{path}.default", $"The default of '{name}': {mismatch}.",
                    $"Give a default of type {parameter.Type}, or change the type.");
            }
        }

        return [.. seen.Keys];
    }

    /// <summary>A schedule's parameters go through the same resolution as a trigger's, reported under the schedule.</summary>
    private static void Schedules(PipelineDefinition definition, ErrorCollector errors)
    {
        var schedules = definition.Schedules ?? [];
        for (var i = 0; i < schedules.Count; i++)
        {
            if (schedules[i] is not { } schedule)
            {
                continue;
            }

            foreach (var error in RunParameters.Resolve(definition, schedule.Parameters).Errors)
            {
                errors.Add($"schedules[{i}].{error.Path}", error.Message, error.Hint);
            }
        }
    }

    /// <summary>
    /// Whether any string in <paramref name="element"/> may hold a template, read from its raw JSON text without
    /// making a string: a token needs "{{", which the text holds literally unless escaped (then the backslash is
    /// there). Most configs hold none, so their paths are never formatted and their strings never copied.
    /// </summary>
    private static bool MayHoldTemplate(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                var raw = JsonMarshal.GetRawUtf8Value(element);
                return raw.IndexOf("{{"u8) >= 0 || raw.IndexOf((byte)'\\') >= 0;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (MayHoldTemplate(item))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (MayHoldTemplate(property.Value))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static void TemplatesIn(JsonElement config, string path, HashSet<string> declared, ErrorCollector errors)
    {
        foreach (var (at, text) in Templates.Strings(config, path))
        {
            foreach (var reference in Templates.References(text))
            {
                if (reference.IsParameter && !declared.Contains(reference.Name))
                {
                    errors.Add(at, $"'{reference.Text}' names no declared parameter.", Suggestions.Hint(reference.Name,
                        declared, declared.Count == 0
                            ? $"Declare it in \"parameters\", for example {{\"name\": \"{reference.Name}\", \"type\": \"string\"}}."
                            : $"Declared parameters: {string.Join(", ", declared)}."));
                }
                else if (!reference.IsParameter && !RunValues.Variables.Contains(reference.Name, StringComparer.Ordinal))
                {
                    errors.Add(at, $"'{reference.Text}' names no run variable.", Suggestions.Hint(reference.Name,
                        RunValues.Variables, $"Run variables: {string.Join(", ", RunValues.Variables.Select(v => "run." + v))}."));
                }
            }
        }
    }
}

/// <summary>The declared parameter names, and where errors in the tasks' templates are reported.</summary>
internal readonly record struct TaskTemplates(HashSet<string> Declared, ErrorCollector Errors);
