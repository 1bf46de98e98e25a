using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Workflow.Model;
using Workflow.Services;
using Workflow.Validation;

namespace Workflow.Parameters;

/// <summary>
/// Turns the parameters given to a run (by a trigger, a schedule or a parent run) into the values its tasks see:
/// every given name must be declared and of its declared type, defaults fill the omitted ones, and a required one
/// without a default must be given. Both hosts call it before they store a run, so a refused trigger stores nothing.
/// </summary>
public static class RunParameters
{
    /// <summary>Resolves <paramref name="given"/> (a JSON object, or null for none) against the declarations.</summary>
    public static ParameterResolution Resolve(PipelineDefinition definition, JsonElement? given)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var declared = definition.Parameters ?? [];
        var errors = new List<ValidationError>();
        if (given is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) } bad)
        {
            errors.Add(new ValidationError("parameters",
                $"The parameters are a JSON {bad.ValueKind.ToString().ToLowerInvariant()}; they must be an object of name/value pairs.",
                "Send them as {\"name\": value}."));
            return new ParameterResolution(Empty, errors);
        }

        var values = given is { ValueKind: JsonValueKind.Object } g ? g : (JsonElement?)null;
        var byName = declared.Where(p => p?.Name is not null).GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => p.First(), StringComparer.Ordinal);
        if (values is { } named)
        {
            foreach (var property in named.EnumerateObject())
            {
                CheckGiven(definition.Id, property, byName, errors);
            }
        }

        foreach (var parameter in byName.Values)
        {
            if (Given(values, parameter.Name) is null && parameter.Required && parameter.Default is null)
            {
                errors.Add(new ValidationError($"parameters.{parameter.Name}",
                    $"Pipeline '{definition.Id}' requires the {parameter.Type} parameter '{parameter.Name}'.",
                    $"Pass it, for example {{\"{parameter.Name}\": ...}}."));
            }
        }

        return new ParameterResolution(errors.Count == 0 ? Merge(declared, values) : Empty, errors);
    }

    /// <summary>The resolved values, or <see cref="RunParametersException"/> naming every problem.</summary>
    public static JsonElement ResolveOrThrow(PipelineDefinition definition, JsonElement? given)
    {
        var resolution = Resolve(definition, given);
        return resolution.IsValid ? resolution.Values : throw new RunParametersException(resolution.Errors);
    }

    private static void CheckGiven(string pipelineId, JsonProperty property,
        Dictionary<string, ParameterDefinition> declared, List<ValidationError> errors)
    {
        var path = $"parameters.{property.Name}";
        if (property.Value.ValueKind == JsonValueKind.Null && declared.ContainsKey(property.Name))
        {
            return;
        }

        if (!declared.TryGetValue(property.Name, out var parameter))
        {
            var names = declared.Keys.ToList();
            errors.Add(new ValidationError(path,
                $"'{property.Name}' is not a parameter of pipeline '{pipelineId}'.",
                Suggestions.Hint(property.Name, names, names.Count == 0
                    ? "The pipeline declares no parameters; declare it in the pipeline's \"parameters\" first."
                    : $"Its parameters are: {string.Join(", ", names)}.")));
        }
        else if (ParameterTypes.Mismatch(parameter.Type, property.Value) is { } problem)
        {
            errors.Add(new ValidationError(path, $"Parameter '{property.Name}': {problem}.",
                $"Give a value of type {parameter.Type}, or leave it out{(parameter.Default is null ? "" : " to use its default")}."));
        }
    }

    /// <summary>
    /// Every declared parameter in declaration order: its given value, else its default, else null. A null given
    /// counts as omitted, so resolving resolved values again changes nothing.
    /// </summary>
    private static JsonElement Merge(IReadOnlyList<ParameterDefinition> declared, JsonElement? given)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Readable))
        {
            writer.WriteStartObject();
            foreach (var parameter in declared.Where(p => p?.Name is not null).DistinctBy(p => p.Name))
            {
                writer.WritePropertyName(parameter.Name);
                var value = Given(given, parameter.Name) ??
                            (parameter.Default is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } d ? d : null);
                if (value is { } v)
                {
                    v.WriteTo(writer);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static JsonElement? Given(JsonElement? given, string name) =>
        given is { } g && g.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    // Values as they were given ("+01:00", not "\u002B01:00"): they are shown on the run and in logs.
    private static readonly JsonWriterOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonElement Empty { get; } = JsonDocument.Parse("{}").RootElement.Clone();
}

/// <summary>The values a run's tasks see (a JSON object), or why the given parameters were refused.</summary>
public sealed record ParameterResolution(JsonElement Values, IReadOnlyList<ValidationError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// The parameters given to a run do not fit the pipeline's declarations: a request error of the service contract,
/// so the API answers 400 naming each parameter (<c>parameters.{name}</c>).
/// </summary>
public sealed class RunParametersException : InvalidRequestException
{
    public RunParametersException(IReadOnlyList<ValidationError> errors)
        : base(errors)
    {
    }

    public RunParametersException()
        : this([])
    {
    }

    public RunParametersException(string message)
        : this([new ValidationError("parameters", message)])
    {
    }

    public RunParametersException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
