using System.Text;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Workflow.Functions.Tests.Support;

/// <summary>
/// The data converter the isolated Functions worker gives Durable: the Durable extension wraps the worker's
/// <see cref="WorkerOptions.Serializer"/> (its <c>ObjectConverterShim</c>) for every input, output, custom status and
/// event. The serializer is taken from the worker's own default registrations, not rebuilt by hand, so a value that
/// does not round-trip in the deployed app does not round-trip here either.
/// </summary>
public sealed class WorkerDataConverter(ObjectSerializer serializer) : DataConverter
{
    public static WorkerDataConverter FromWorkerDefaults()
    {
        var services = new ServiceCollection();
        services.AddFunctionsWorkerDefaults();
        using var provider = services.BuildServiceProvider();
        var serializer = provider.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer
            ?? throw new InvalidOperationException("The Functions worker defaults set no serializer.");
        return new WorkerDataConverter(serializer);
    }

    public ObjectSerializer Serializer => serializer;

    public override string? Serialize(object? value) =>
        value is null ? null : serializer.Serialize(value, value.GetType(), default).ToString();

    public override object? Deserialize(string? data, Type targetType)
    {
        if (data is null)
        {
            return null;
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(data), writable: false);
        return serializer.Deserialize(stream, targetType, default);
    }
}
