using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Json;

/// <summary>
/// Reads durations as people write them (<c>90s</c>, <c>5m</c>, <c>1h30m</c>, <c>2d</c>, <c>500ms</c>,
/// <c>01:30:00</c> or ISO 8601 <c>PT1H30M</c>) and writes the short form.
/// </summary>
public sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetDouble(out var seconds) && Duration.TryFromSeconds(seconds, out var span)
                ? span
                : throw new JsonException("The number of seconds is too large for a duration; the most is " +
                                          "about 29,000 years, and a timeout or delay needs far less.");
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException(
                $"A duration must be a string like \"90s\" or a number of seconds, not {reader.TokenType}.");
        }

        var text = reader.GetString();
        if (text is not null && Duration.TryParse(text, out var value))
        {
            return value;
        }

        throw new JsonException($"{Duration.Refusal(text ?? "")}. " +
                                "Write it like \"90s\", \"5m\", \"1h30m\", \"2d\" or \"PT1H30M\".");
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Duration.Format(value));
}
