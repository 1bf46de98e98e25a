using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Json;

/// <summary>
/// Reads instants by <see cref="Instants"/>' rule, so an instant without an offset is refused at its path rather than
/// read in the host's zone; writes them as the default converter does.
/// </summary>
public sealed class InstantJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && Instants.TryParse(reader.GetString(), out var value)
            ? value
            : throw new JsonException(); // The serializer names the path and the type, which JsonErrors explains.

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
