namespace Workflow.Durable.Tests;

public sealed class InstanceIdsTests
{
    [Theory]
    [InlineData("sales@20260105T060000Z")]
    [InlineData("sales@manual-01JH3K8ZQ4")]
    [InlineData("load[3]@x")]
    public void A_run_id_that_is_already_a_valid_instance_id_is_kept_as_it_is(string runId) =>
        Assert.Equal(runId, InstanceIds.For(runId));

    [Fact]
    public void The_characters_Durable_forbids_are_percent_encoded()
    {
        // Act
        var id = InstanceIds.For("@p@1/child#2?x\\y%z");

        // Assert
        Assert.Equal("%40p@1%2Fchild%232%3Fx%5Cy%25z", id);
        Assert.DoesNotContain(id, c => c is '/' or '\\' or '#' or '?');
    }

    [Fact]
    public void Different_run_ids_give_different_instance_ids()
    {
        // Arrange: '%' itself is encoded, so an id that looks encoded cannot collide with one that is.
        var a = InstanceIds.For("p@1/x");
        var b = InstanceIds.For("p@1%2Fx");

        // Assert
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void A_long_run_id_is_cut_to_one_hundred_characters_with_a_hash_that_keeps_it_unique()
    {
        // Arrange
        var parent = new string('p', 90) + "@20260105T060000Z";

        // Act
        var first = InstanceIds.For(parent + "/a#1");
        var second = InstanceIds.For(parent + "/a#2");

        // Assert
        Assert.Equal(InstanceIds.MaxLength, first.Length);
        Assert.Equal(InstanceIds.MaxLength, second.Length);
        Assert.NotEqual(first, second);
        Assert.Equal(first, InstanceIds.For(parent + "/a#1"));
        Assert.StartsWith(new string('p', 60), first, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(82)]
    [InlineData(83)]
    [InlineData(90)]
    [InlineData(100)]
    public void The_instance_id_of_every_run_of_a_pipeline_starts_with_the_pipelines_prefix(int pipelineLength)
    {
        // Arrange: scheduled, manual and child runs, of pipeline ids short and long enough to be cut and hashed.
        var pipeline = new string('p', pipelineLength - 1) + "/";
        string[] runs = [$"{pipeline}@20260105T060000Z", $"{pipeline}@manual-20260105T060000123Z-8f2a",
            $"{pipeline}@20260105T060000Z/load[3]#2"];

        // Act
        var prefix = InstanceIds.PrefixFor(pipeline + "@");

        // Assert
        Assert.All(runs, run => Assert.StartsWith(prefix, InstanceIds.For(run), StringComparison.Ordinal));
        Assert.True(prefix.Length <= InstanceIds.MaxLength);
    }

    [Fact]
    public void A_short_pipelines_prefix_is_its_whole_encoded_id_and_at()
    {
        Assert.Equal("a%2Fb@", InstanceIds.PrefixFor("a/b@"));
    }
}
