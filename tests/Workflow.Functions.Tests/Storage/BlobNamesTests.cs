using Workflow.Functions.Storage;
namespace Workflow.Functions.Tests.Storage;

public sealed class BlobNamesTests
{
    [Fact]
    public void Ids_with_slashes_and_brackets_stay_inside_one_path_segment()
    {
        // Act
        var log = BlobNames.AttemptLog("p@1/child#2", "load[3]", 2);

        // Assert
        Assert.Equal("p@1%2Fchild%232/load%5B3%5D/2.log", log);
        Assert.Equal(3, log.Split('/').Length);
    }

    [Fact]
    public void Versions_sort_by_name_in_the_order_they_were_made()
    {
        // Arrange
        var names = new[] { 10, 2, 1, 100 }.Select(v => BlobNames.Version("sales", v)).ToList();

        // Act
        var sorted = names.Order(StringComparer.Ordinal).ToList();

        // Assert
        Assert.Equal([BlobNames.Version("sales", 1), BlobNames.Version("sales", 2), BlobNames.Version("sales", 10),
            BlobNames.Version("sales", 100)], sorted);
        Assert.StartsWith(BlobNames.VersionsPrefix("sales"), sorted[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Distinct_ids_give_distinct_segments_even_when_one_looks_escaped()
    {
        Assert.NotEqual(BlobNames.Segment("a/b"), BlobNames.Segment("a%2Fb"));
        Assert.Equal("%C3%A9t%C3%A9", BlobNames.Segment("été"));
    }
}
