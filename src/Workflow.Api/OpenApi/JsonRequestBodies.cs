using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Workflow.Api.OpenApi;

/// <summary>
/// Leaves <c>application/json</c> as the one media type of every request body: the <c>*/*</c> that
/// <see cref="EndpointDescriptions.TakesJson{T}"/> declares keeps routing from refusing a request by its
/// <c>Content-Type</c>, and is not a second format.
/// </summary>
internal sealed class JsonRequestBodies : IOpenApiOperationTransformer
{
    public const string AnyType = "*/*";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken)
    {
        operation.RequestBody?.Content?.Remove(AnyType);
        return Task.CompletedTask;
    }
}
