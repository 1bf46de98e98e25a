using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Workflow.Api.OpenApi;

/// <summary>
/// Documents the <c>Location</c> and <c>Retry-After</c> headers of the 202 answers of endpoints marked
/// <see cref="PollingHeaders"/>: where to poll, and how many seconds to wait first.
/// </summary>
internal sealed class PollingHeadersDescription : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken)
    {
        var marked = context.Description.ActionDescriptor.EndpointMetadata.OfType<PollingHeaders>().Any();
        var key = StatusCodes.Status202Accepted.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!marked || operation.Responses?.TryGetValue(key, out var accepted) != true ||
            accepted is not OpenApiResponse response)
        {
            return Task.CompletedTask;
        }

        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers["Location"] = Header("The status URI to poll: it answers 202 while the work is active.",
            JsonSchemaType.String);
        response.Headers["Retry-After"] = Header("Seconds to wait before polling again.", JsonSchemaType.Integer);
        return Task.CompletedTask;
    }

    private static OpenApiHeader Header(string description, JsonSchemaType type) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = type } };
}
