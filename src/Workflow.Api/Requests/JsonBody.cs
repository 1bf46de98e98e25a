using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Workflow.Api.Problems;
using Workflow.Validation;

namespace Workflow.Api.Requests;

/// <summary>
/// Reads a JSON request body within the size and depth limits, and turns every parse failure into a 400 that names
/// the JSON path, or a 413. The body is read here rather than bound by the framework so that no malformed input can
/// become a 500 and every message says what to fix.
/// </summary>
public static class JsonBody
{
    private static readonly ConcurrentDictionary<(JsonSerializerOptions Source, int MaxDepth), JsonSerializerOptions>
        DepthLimited = new();

    public static async Task<BodyResult<T>> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo,
        WorkflowApiOptions limits, bool allowEmpty, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        var bytes = await ReadBytesAsync(request, limits.MaxRequestBodyBytes, cancellationToken);
        if (bytes is null)
        {
            return new(default, ApiProblems.TooLarge(limits.MaxRequestBodyBytes));
        }

        if (bytes.Length == 0 || bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return allowEmpty
                ? new(default, null)
                : new(default, ApiProblems.BadRequest("The request body is empty.", "$", "A JSON body is required.",
                    "Send the JSON document with 'Content-Type: application/json'."));
        }

        var info = (JsonTypeInfo<T>)WithDepth(typeInfo.Options, limits.MaxJsonDepth).GetTypeInfo(typeof(T));
        try
        {
            var value = JsonSerializer.Deserialize(bytes, info);
            if (value is null)
            {
                return new(default, ApiProblems.BadRequest("The request body is 'null'.", "$",
                    "Expected a JSON object.", null));
            }

            return new(value, null);
        }
        catch (JsonException ex)
        {
            return new(default, Malformed(ex, limits.MaxJsonDepth, info, bytes));
        }
        catch (InvalidOperationException ex)
        {
            return new(default, ApiProblems.BadRequest("The JSON body could not be read.", "$", ex.Message, null));
        }
    }

    /// <summary>
    /// The serializer options with the depth limit, built once per (options, limit): building options and their type
    /// metadata on every request cost more than reading the body did. A property the body's type does not have is
    /// refused, as in a definition: ignored, a misspelt <c>"params"</c> would start a run with the default parameters.
    /// A number given as a string (<c>"maxActiveRuns": "5"</c>) is refused too, which the web defaults would read.
    /// </summary>
    private static JsonSerializerOptions WithDepth(JsonSerializerOptions source, int maxDepth) =>
        DepthLimited.GetOrAdd((source, maxDepth), key => new JsonSerializerOptions(key.Source)
        {
            MaxDepth = key.MaxDepth,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            // A property given twice is refused, not read as its last value: readers disagree on which one counts,
            // so a reviewer could read another owner group or command in the same file than the host would store.
            AllowDuplicateProperties = false,
        });

    private static IResult Malformed(JsonException ex, int maxDepth, JsonTypeInfo body, byte[] source)
    {
        var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
        if (ex.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblems.BadRequest($"The JSON body is nested deeper than {maxDepth} levels.", path,
                $"Nesting exceeds the limit of {maxDepth}.", "Flatten the document.");
        }

        // The core explains the failure without .NET type names, with the allowed values of an enum as the hint.
        var error = DefinitionValidation.ToFieldError(JsonErrors.ToValidationError(ex, body, source));
        return ApiProblems.Problem(StatusCodes.Status400BadRequest, "The JSON body is not valid",
            $"At {error.Path}: {error.Message}", [error]);
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is larger.</summary>
    private static async Task<byte[]?> ReadBytesAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        try
        {
            return request.ContentLength is { } length
                ? await ReadExactAsync(request.Body, (int)length, ct)
                : await ReadChunkedAsync(request.Body, limit, ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    /// <summary>
    /// A body of announced length goes straight into an array of that length (the server holds the body to it).
    /// </summary>
    private static async Task<byte[]> ReadExactAsync(Stream body, int length, CancellationToken ct)
    {
        var bytes = new byte[length];
        var filled = 0;
        int read;
        while (filled < length && (read = await body.ReadAsync(bytes.AsMemory(filled), ct)) > 0)
        {
            filled += read;
        }

        return filled == length ? bytes : bytes[..filled];
    }

    private static async Task<byte[]?> ReadChunkedAsync(Stream body, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
