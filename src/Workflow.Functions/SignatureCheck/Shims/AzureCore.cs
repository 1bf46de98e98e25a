// Signature shim, not an implementation: Azure.Core types in namespace Azure (ETag, HttpRange, RequestConditions, Response, AsyncPageable, RequestFailedException).
// Transcribed from Azure/azure-sdk-for-net sdk/core/Azure.Core (see docs/azure-api-check.md); every body throws. It exists so that
// Workflow.Functions.SignatureCheck can compile the app's code against these signatures here, where the real
// package cannot be restored. It proves nothing about runtime behaviour.
namespace Azure;

public readonly struct ETag : IEquatable<ETag>
{
    public ETag(string etag) => Value = etag;

    public static ETag All { get; } = new("*");

    private string Value { get; }

    public bool Equals(ETag other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ETag other && Equals(other);

    public override int GetHashCode() => Value?.GetHashCode(StringComparison.Ordinal) ?? 0;

    public static bool operator ==(ETag left, ETag right) => left.Equals(right);

    public static bool operator !=(ETag left, ETag right) => !left.Equals(right);
}

public readonly struct HttpRange
{
    public HttpRange(long offset = 0, long? length = null)
    {
        Offset = offset;
        Length = length;
    }

    public long Offset { get; }
    public long? Length { get; }
}

public class MatchConditions
{
    public ETag? IfMatch { get; set; }
    public ETag? IfNoneMatch { get; set; }
}

public class RequestConditions : MatchConditions
{
    public DateTimeOffset? IfModifiedSince { get; set; }
    public DateTimeOffset? IfUnmodifiedSince { get; set; }
}

public class RequestFailedException(string message) : Exception(message)
{
    public int Status { get; }
}

public abstract class Response<T>
{
    public abstract T Value { get; }
}

public abstract class AsyncPageable<T> : IAsyncEnumerable<T>
    where T : notnull
{
    public abstract IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default);
}

public class AzureSasCredential
{
}
