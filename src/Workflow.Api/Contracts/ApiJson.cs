using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Workflow.Json;

namespace Workflow.Api.Contracts;

/// <summary>
/// The JSON settings of every API answer, matching the model's contract: camelCase, enums as kebab-case strings
/// (from their <c>JsonStringEnumMemberName</c>), durations like "5m", instants only with their offset, nulls left out,
/// and numbers read only as JSON numbers (the web defaults also read them from strings).
/// </summary>
public static class ApiJson
{
    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.ReadCommentHandling = JsonCommentHandling.Skip;
        options.AllowTrailingCommas = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new DurationJsonConverter());
        options.Converters.Add(new InstantJsonConverter());
        options.TypeInfoResolver ??= new DefaultJsonTypeInfoResolver();
    }

    public static JsonSerializerOptions Options { get; } = Create();

    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        options.MakeReadOnly();
        return options;
    }
}
