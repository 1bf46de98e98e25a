using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Workflow.Api.OpenApi;

/// <summary>
/// Documents the headers an endpoint's answers carry, from its <see cref="ResponseHeader"/> metadata: the polling
/// headers of a 202, the version tag of a pipeline, the mark of a save that changed nothing.
/// </summary>
internal sealed class ResponseHeadersDescription : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken)
    {
        foreach (var header in context.Description.ActionDescriptor.EndpointMetadata.OfType<ResponseHeader>())
        {
            if (operation.Responses?.TryGetValue(header.Status.ToString(CultureInfo.InvariantCulture),
                    out var answer) != true || answer is not OpenApiResponse response)
            {
                continue;
            }

            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[header.Name] = new OpenApiHeader
            {
                Description = header.Description,
                Schema = new OpenApiSchema { Type = header.Integer ? JsonSchemaType.Integer : JsonSchemaType.String },
            };
        }

        return Task.CompletedTask;
    }
}
