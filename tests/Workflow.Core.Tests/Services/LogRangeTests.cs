using System.Text;
using Workflow.Services;

namespace Workflow.Core.Tests.Services;

public class LogRangeTests
{
    [Theory]
    [InlineData(0, 4, 10, 0, 4, false)]
    [InlineData(6, 4, 10, 6, 4, true)]
    [InlineData(8, 4, 10, 8, 2, true)]
    [InlineData(12, 4, 10, 10, 0, true)]
    [InlineData(0, 100, 0, 0, 0, true)]
    public void A_range_from_an_offset_reads_up_to_its_size_and_never_past_the_end(long offset, int maxBytes,
        long total, long start, int length, bool reachesEnd)
    {
        var range = LogRange.From(offset, maxBytes);

        Assert.Equal(start, range.StartIn(total));
        Assert.Equal(length, range.LengthIn(total));
        Assert.Equal(reachesEnd, range.Chunk(total, [], finished: true).Complete);
    }

    [Theory]
    [InlineData(3, 100, 10, 7, 3)]
    [InlineData(30, 100, 10, 0, 10)]
    [InlineData(8, 5, 10, 2, 5)]
    public void A_tail_starts_that_many_bytes_before_the_end_or_at_the_start(long tail, int maxBytes, long total,
        long start, int length)
    {
        var range = LogRange.LastBytes(tail, maxBytes);

        Assert.Equal(start, range.StartIn(total));
        Assert.Equal(length, range.LengthIn(total));
        Assert.Equal(start, range.Chunk(total, [], finished: false).Offset);
    }

    [Fact]
    public void A_chunk_is_complete_only_when_the_attempt_finished_and_the_range_reached_the_end()
    {
        var range = LogRange.From(0, 10);

        Assert.True(range.Chunk(10, "0123456789"u8, finished: true).Complete);
        Assert.False(range.Chunk(10, "0123456789"u8, finished: false).Complete);
        Assert.False(range.Chunk(11, "0123456789"u8, finished: true).Complete);
    }

    [Fact]
    public void A_negative_offset_or_an_empty_tail_is_refused_rather_than_read_as_something_else()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LogRange.From(-5, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => LogRange.LastBytes(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => LogRange.From(0, -1));
    }

    [Fact]
    public void Chunks_read_one_after_another_show_each_character_whole_and_once_wherever_their_ends_fall()
    {
        var log = Encoding.UTF8.GetBytes("aé日本🙂b\n");
        for (var size = 1; size <= log.Length; size++)
        {
            var text = new StringBuilder();
            for (long offset = 0; offset < log.Length; offset += size)
            {
                var range = LogRange.From(offset, size);
                var read = log.AsSpan((int)range.StartIn(log.Length), range.ReadLengthIn(log.Length));
                text.Append(range.Chunk(log.Length, read, finished: true).Text);
            }

            Assert.Equal("aé日本🙂b\n", text.ToString());
        }
    }

    [Fact]
    public void A_tail_that_starts_inside_a_character_begins_at_the_next_one()
    {
        var log = Encoding.UTF8.GetBytes("日本語");
        var range = LogRange.LastBytes(5, 100);

        var chunk = range.Chunk(log.Length, log.AsSpan((int)range.StartIn(log.Length)), finished: true);

        Assert.Equal(("語", 4L), (chunk.Text, chunk.Offset));
    }
}
