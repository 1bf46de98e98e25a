using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Workflow.Api.Audit;

namespace Workflow.Functions.Storage;

/// <summary>
/// The audit trail as one append blob of JSON lines per UTC day, in the definitions container. Listing walks the
/// days that have entries, newest first, however long ago the last change was; it first completes the audited saves
/// a stopped process left half done (<see cref="Intents"/>).
/// </summary>
public sealed class BlobAuditLog(BlobContainers containers, TimeProvider? time = null) : IAuditLog
{
    private const string Prefix = "_audit/";
    private const string Suffix = ".jsonl";

    /// <summary>The intents of audited saves (<see cref="BlobPipelineSaves"/>).</summary>
    internal BlobAuditIntents Intents { get; } = new(containers.Definitions, time ?? TimeProvider.System);

    public async ValueTask AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var blob = containers.Definitions.GetAppendBlobClient(Name(entry.At));
        await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        using var line = new MemoryStream(Encoding.UTF8.GetBytes(Line(entry)));
        await blob.AppendBlockAsync(line, cancellationToken: cancellationToken);
    }

    public async ValueTask<IReadOnlyList<AuditEntry>> ListAsync(IReadOnlyCollection<string>? groups, int limit,
        CancellationToken cancellationToken)
    {
        await Intents.CompleteAsync(AppendOnceAsync, cancellationToken);
        var found = new List<AuditEntry>();
        foreach (var day in (await DaysAsync(cancellationToken)).OrderDescending(StringComparer.Ordinal))
        {
            if (found.Count >= limit)
            {
                break;
            }

            found.AddRange((await EntriesAsync(day, cancellationToken))
                .Where(e => groups is null || groups.Contains(e.OwnerGroup))
                .Reverse()
                .Take(limit - found.Count));
        }

        return found;
    }

    /// <summary>The day blobs; a pipeline may be called <c>_audit</c>, so its head and versions are left out.</summary>
    private async ValueTask<List<string>> DaysAsync(CancellationToken cancellationToken)
    {
        var days = new List<string>();
        await foreach (var blob in containers.Definitions.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix },
                           cancellationToken))
        {
            if (blob.Name.EndsWith(Suffix, StringComparison.Ordinal) && blob.Name.IndexOf('/', Prefix.Length) < 0)
            {
                days.Add(blob.Name);
            }
        }

        return days;
    }

    /// <summary>
    /// Appends the intent's entry unless the trail holds it: a save's exact line on its day (a save that stopped after
    /// it); for a delete, any line deleting that version, from its day on (the delete retried after a stop wrote its
    /// own, and a version is deleted once).
    /// </summary>
    private async ValueTask AppendOnceAsync(AuditIntent intent, CancellationToken cancellationToken)
    {
        var entry = intent.Entry;
        Func<AuditEntry, bool> same = intent.IsDeletion
            ? e => e.Action == entry.Action && e.Target == entry.Target && e.Detail == entry.Detail
            : e => e == entry;
        var first = Name(entry.At);
        // A save's line can only be on its own day (the day is the entry's time), so only a delete lists the days.
        var days = intent.IsDeletion
            ? (await DaysAsync(cancellationToken)).Where(day => string.CompareOrdinal(day, first) >= 0)
            : [first];
        foreach (var day in days)
        {
            if ((await EntriesAsync(day, cancellationToken)).Any(same))
            {
                return;
            }
        }

        await AppendAsync(entry, cancellationToken);
    }

    /// <summary>A day's entries in the order written; none when the day blob is gone.</summary>
    private async ValueTask<IReadOnlyList<AuditEntry>> EntriesAsync(string day, CancellationToken cancellationToken)
    {
        try
        {
            var content = await containers.Definitions.GetBlobClient(day).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToString()
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => JsonSerializer.Deserialize<AuditEntry>(l, StoredJson.Options)!)
                .ToList();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return []; // Removed since it was listed.
        }
    }

    private static string Line(AuditEntry entry) => JsonSerializer.Serialize(entry, StoredJson.Options) + "\n";

    private static string Name(DateTimeOffset at) =>
        $"{Prefix}{at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}{Suffix}";
}
