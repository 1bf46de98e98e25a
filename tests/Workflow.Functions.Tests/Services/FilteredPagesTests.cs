using Workflow.Functions.Services;
namespace Workflow.Functions.Tests.Services;

public sealed class FilteredPagesTests
{
    /// <summary>A store of the numbers 0..count-1 in pages of <paramref name="size"/>; tokens are the next offset.</summary>
    private static async IAsyncEnumerable<(IReadOnlyList<int> Items, string? ContinuationToken)> Store(int count, int size,
        List<int> pagesRead, int from = 0)
    {
        for (var offset = from; offset < count; offset += size)
        {
            pagesRead.Add(offset);
            await Task.Yield();
            var next = offset + size < count ? (offset + size).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            yield return (Enumerable.Range(offset, Math.Min(size, count - offset)).ToList(), next);
        }
    }

    [Fact]
    public async Task Store_pages_are_read_until_enough_items_match()
    {
        // Arrange: every tenth number matches; the API asks for three.
        var read = new List<int>();

        // Act
        var (items, token) = await FilteredPages.FillAsync(Store(1000, 10, read), n => n % 10 == 0, 3, 50,
            CancellationToken.None);

        // Assert
        Assert.Equal([0, 10, 20], items);
        Assert.Equal([0, 10, 20], read);
        Assert.Equal("30", token);
    }

    [Fact]
    public async Task Going_on_from_the_token_returns_the_next_matches_and_no_token_at_the_end()
    {
        // Arrange
        var read = new List<int>();

        // Act
        var (items, token) = await FilteredPages.FillAsync(Store(40, 10, read, from: 30), n => n % 10 == 0, 3, 50,
            CancellationToken.None);

        // Assert
        Assert.Equal([30], items);
        Assert.Null(token);
    }

    [Fact]
    public async Task At_most_max_pages_are_read_when_little_matches()
    {
        // Arrange
        var read = new List<int>();

        // Act
        var (items, token) = await FilteredPages.FillAsync(Store(1000, 10, read), n => n == 999, 5, 4,
            CancellationToken.None);

        // Assert
        Assert.Empty(items);
        Assert.Equal(4, read.Count);
        Assert.Equal("40", token);
    }

    [Fact]
    public async Task Nothing_matching_is_ever_returned_and_nothing_matching_is_skipped()
    {
        // Arrange: page through everything in API pages of seven.
        var seen = new List<int>();
        string? token = "0";
        var calls = 0;

        // Act
        while (token is not null && calls++ < 1000)
        {
            var (items, next) = await FilteredPages.FillAsync(Store(500, 9, [], int.Parse(token, System.Globalization.CultureInfo.InvariantCulture)),
                n => n % 3 == 1, 7, 5, CancellationToken.None);
            seen.AddRange(items);
            token = next;
        }

        // Assert
        Assert.Equal(Enumerable.Range(0, 500).Where(n => n % 3 == 1), seen);
    }
}
