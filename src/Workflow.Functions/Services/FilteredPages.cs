namespace Workflow.Functions.Services;

/// <summary>
/// Fills one API page from a store that filters less than the API does (Durable's instance query knows neither
/// run status nor security group): it reads store pages and keeps the matching items until it has
/// <c>limit</c> of them, the store runs out, or <c>maxPages</c> were read, and hands back the store's token to go
/// on from. Store pages are consumed whole, so a page may hold up to one store page more than asked, and fewer
/// when most items were filtered out (an empty page with a token means "keep going").
/// </summary>
public static class FilteredPages
{
    public static async ValueTask<(List<T> Items, string? ContinuationToken)> FillAsync<T>(
        IAsyncEnumerable<(IReadOnlyList<T> Items, string? ContinuationToken)> storePages, Func<T, bool> keep,
        int limit, int maxPages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storePages);
        ArgumentNullException.ThrowIfNull(keep);
        var items = new List<T>();
        string? token = null;
        var read = 0;
        await foreach (var (page, next) in storePages.WithCancellation(cancellationToken))
        {
            items.AddRange(page.Where(keep));
            token = string.IsNullOrEmpty(next) ? null : next;
            if (token is null || items.Count >= limit || ++read >= maxPages)
            {
                break;
            }
        }

        return (items, token);
    }
}
