using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Specialized;
using Workflow.Api.Audit;

namespace Workflow.Functions.Storage;

/// <summary>The audit trail as one append blob of JSON lines per UTC day, in the definitions container.</summary>
public sealed class BlobAuditLog(BlobContainers containers, TimeProvider time) : IAuditLog
{
    private const int DaysListed = 31;

    public async ValueTask AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var blob = containers.Definitions.GetAppendBlobClient(Name(entry.At));
        await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        using var line = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, StoredJson.Options) + "\n"));
        await blob.AppendBlockAsync(line, cancellationToken: cancellationToken);
    }

    public async ValueTask<IReadOnlyList<AuditEntry>> ListAsync(IReadOnlyCollection<string>? groups, int limit,
        CancellationToken cancellationToken)
    {
        var found = new List<AuditEntry>();
        var day = time.GetUtcNow();
        for (var i = 0; i < DaysListed && found.Count < limit; i++, day = day.AddDays(-1))
        {
            try
            {
                var content = await containers.Definitions.GetBlobClient(Name(day)).DownloadContentAsync(cancellationToken);
                var entries = content.Value.Content.ToString()
                    .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(l => JsonSerializer.Deserialize<AuditEntry>(l, StoredJson.Options)!)
                    .Where(e => groups is null || groups.Contains(e.OwnerGroup))
                    .Reverse();
                found.AddRange(entries.Take(limit - found.Count));
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // No entries that day.
            }
        }

        return found;
    }

    private static string Name(DateTimeOffset at) =>
        $"_audit/{at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.jsonl";
}
