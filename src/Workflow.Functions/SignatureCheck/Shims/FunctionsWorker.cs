// Signature shim, not an implementation: Microsoft.Azure.Functions.Worker (Worker.Core, Extensions.DurableTask/Timer/Http, Http.AspNetCore).
// Transcribed from Azure/azure-functions-dotnet-worker and Azure/azure-functions-durable-extension (see docs/azure-api-check.md); every body throws. It exists so that
// Workflow.Functions.SignatureCheck can compile the app's code against these signatures here, where the real
// package cannot be restored. It proves nothing about runtime behaviour.
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Azure.Functions.Worker;

[AttributeUsage(AttributeTargets.Method)]
public sealed class FunctionAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ActivityTriggerAttribute : Attribute
{
    public string? Activity { get; set; }
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class OrchestrationTriggerAttribute : Attribute
{
    public string? Orchestration { get; set; }
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class DurableClientAttribute : Attribute
{
    public string? TaskHub { get; set; }
    public string? ConnectionName { get; set; }
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class TimerTriggerAttribute(string schedule) : Attribute
{
    public string Schedule { get; } = schedule;
    public bool UseMonitor { get; set; }
    public bool RunOnStartup { get; set; }
}

public class TimerInfo
{
    public bool IsPastDue { get; set; }
}

public enum AuthorizationLevel
{
    Anonymous,
    User,
    Function,
    System,
    Admin,
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class HttpTriggerAttribute : Attribute
{
    public HttpTriggerAttribute(params string[] methods) => Methods = methods;

    public HttpTriggerAttribute(AuthorizationLevel authLevel, params string[] methods) => Methods = methods;

    public string[] Methods { get; }
    public string? Route { get; set; }
}

public abstract class FunctionContext
{
    public abstract IServiceProvider InstanceServices { get; set; }
}

public interface IFunctionsWorkerApplicationBuilder
{
    IServiceCollection Services { get; }
}

public static class FunctionContextExtensions
{
    public static HttpContext? GetHttpContext(this FunctionContext context) => throw new NotSupportedException();
}

public static class DurableTaskClientExtensions
{
    public static Task<HttpResponseData> CreateCheckStatusResponseAsync(this DurableTaskClient client,
        HttpRequestData request, string instanceId, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public static Task<HttpResponseData> CreateCheckStatusResponseAsync(this DurableTaskClient client,
        HttpRequestData request, string instanceId, System.Net.HttpStatusCode statusCode,
        CancellationToken cancellation = default) => throw new NotSupportedException();
}
