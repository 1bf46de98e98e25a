using System.Globalization;
using System.Text.Json;

namespace Workflow.Parameters;

/// <summary>
/// What templates and handlers see of the run an attempt belongs to: its resolved parameters and the
/// <c>run.*</c> variables. The run decider writes them into each attempt's input under <see cref="ParamsKey"/> and
/// <see cref="RunKey"/>, so that both hosts carry them with the attempt (and a process task finds them in its
/// input file); the attempt executor reads them back.
/// </summary>
public sealed record RunValues(
    string RunId,
    DateTimeOffset LogicalTime,
    DateTimeOffset DataIntervalStart,
    DateTimeOffset DataIntervalEnd,
    JsonElement Parameters)
{
    public const string ParamsKey = "$params";
    public const string RunKey = "$run";

    /// <summary>The names <c>{{ run.NAME }}</c> may use.</summary>
    public static IReadOnlyList<string> Variables { get; } = ["id", "logicalTime", "dataIntervalStart", "dataIntervalEnd"];

    /// <summary>A <c>run.*</c> variable as text; instants are ISO 8601 in UTC, fractions of a second only when non-zero.</summary>
    public string? Variable(string name) => name switch
    {
        "id" => RunId,
        "logicalTime" => Format(LogicalTime),
        "dataIntervalStart" => Format(DataIntervalStart),
        "dataIntervalEnd" => Format(DataIntervalEnd),
        _ => null,
    };

    /// <summary>Writes the <c>$params</c> and <c>$run</c> members into an object being written.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(ParamsKey);
        Parameters.WriteTo(writer);
        writer.WriteStartObject(RunKey);
        foreach (var name in Variables)
        {
            writer.WriteString(name, Variable(name));
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads the values an attempt's input carries; null when it carries none (an input built elsewhere).</summary>
    public static RunValues? FromInput(JsonElement? input)
    {
        if (input is not { ValueKind: JsonValueKind.Object } i || !i.TryGetProperty(RunKey, out var run) ||
            run.ValueKind != JsonValueKind.Object || !run.TryGetProperty("id", out var id) ||
            id.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var parameters = i.TryGetProperty(ParamsKey, out var p) && p.ValueKind == JsonValueKind.Object
            ? p.Clone()
            : JsonDocument.Parse("{}").RootElement.Clone();
        return new RunValues(id.GetString()!, Instant(run, "logicalTime"), Instant(run, "dataIntervalStart"),
            Instant(run, "dataIntervalEnd"), parameters);
    }

    private static DateTimeOffset Instant(JsonElement run, string name) =>
        run.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String &&
        DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : default;

    private static string Format(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
