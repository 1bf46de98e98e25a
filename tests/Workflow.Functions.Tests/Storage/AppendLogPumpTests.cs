using System.Text;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Tests.Storage;

public sealed class AppendLogPumpTests
{
    /// <summary>A clock whose timers never fire, so only the end of the log closes a gather window.</summary>
    private sealed class StoppedClock : TimeProvider
    {
        private sealed class NeverTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            new NeverTimer();
    }

    private sealed class FakeAppendBlob
    {
        public List<string> Blocks { get; } = [];

        public Task<int> AppendAsync(byte[] bytes, CancellationToken cancellationToken)
        {
            lock (Blocks)
            {
                Blocks.Add(Encoding.UTF8.GetString(bytes));
                return Task.FromResult(Blocks.Count);
            }
        }
    }

    [Fact]
    public async Task Lines_written_within_one_gather_window_become_one_block()
    {
        // Arrange
        var blob = new FakeAppendBlob();
        var pump = new AppendLogPump(blob.AppendAsync, new StoppedClock());

        // Act
        for (var i = 0; i < 1000; i++)
        {
            pump.WriteLine($"line {i}");
        }

        await pump.DisposeAsync();

        // Assert
        var block = Assert.Single(blob.Blocks);
        Assert.StartsWith("line 0\nline 1\n", block, StringComparison.Ordinal);
        Assert.EndsWith("line 999\n", block, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetByteCount(block), pump.BytesWritten);
    }

    [Fact]
    public async Task Blocks_stay_under_the_byte_limit_without_splitting_a_line()
    {
        // Arrange
        var blob = new FakeAppendBlob();
        var pump = new AppendLogPump(blob.AppendAsync, new StoppedClock(), new AppendLogLimits { MaxBlockBytes = 100 });

        // Act
        for (var i = 0; i < 50; i++)
        {
            pump.WriteLine($"line {i:D3} of the log");
        }

        await pump.DisposeAsync();

        // Assert: 19 bytes a line, so six lines (114 bytes) cross the limit and close a block.
        Assert.All(blob.Blocks, b => Assert.True(Encoding.UTF8.GetByteCount(b) <= 100 + 19));
        Assert.All(blob.Blocks, b => Assert.EndsWith("\n", b, StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"line {i:D3} of the log"),
            string.Concat(blob.Blocks).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Near_the_block_limit_the_log_says_it_was_cut_and_drops_the_rest_without_failing()
    {
        // Arrange
        var blob = new FakeAppendBlob();
        var pump = new AppendLogPump(blob.AppendAsync, new StoppedClock(),
            new AppendLogLimits { MaxBlockBytes = 10, MaxBlocks = 4 });

        // Act
        for (var i = 0; i < 20; i++)
        {
            pump.WriteLine($"line {i:D2}");
        }

        await pump.DisposeAsync();

        // Assert: three blocks of lines, then the note, and nothing after it.
        Assert.True(pump.Truncated);
        Assert.Equal(4, blob.Blocks.Count);
        Assert.Equal(["line 00\nline 01\n", "line 02\nline 03\n", "line 04\nline 05\n"], blob.Blocks.Take(3));
        Assert.Contains("log cut", blob.Blocks[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overlong_line_is_cut_so_it_fits_a_block()
    {
        // Arrange
        var blob = new FakeAppendBlob();
        var pump = new AppendLogPump(blob.AppendAsync, new StoppedClock(), new AppendLogLimits { MaxLineChars = 8 });

        // Act
        pump.WriteLine(new string('x', 50));
        await pump.DisposeAsync();

        // Assert
        Assert.Equal("xxxxxxxx [line cut]\n", Assert.Single(blob.Blocks));
    }

    [Fact]
    public async Task A_backlog_of_a_block_or_more_is_appended_without_waiting_for_the_log_to_end()
    {
        // Arrange: the clock never ends a gather window, so only a backlog can make blocks before disposal.
        var blob = new FakeAppendBlob();
        var pump = new AppendLogPump(blob.AppendAsync, new StoppedClock(), new AppendLogLimits { MaxBlockBytes = 100 });

        // Act: 30 lines of 19 bytes, about five blocks' worth.
        for (var i = 0; i < 30; i++)
        {
            pump.WriteLine($"line {i:D3} of the log");
        }

        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (BlockCount(blob) < 5 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(10); // Poll interval of a deadline-bound wait.
        }

        // Assert
        Assert.True(BlockCount(blob) >= 5, $"only {BlockCount(blob)} blocks were appended while the log was open");
        await pump.DisposeAsync();
    }

    [Fact]
    public async Task A_store_that_refuses_an_append_loses_the_log_but_never_fails_the_writer()
    {
        // Arrange
        var calls = 0;
        var pump = new AppendLogPump((_, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromException<int>(new IOException("storage 503"));
        }, new StoppedClock());

        // Act
        pump.WriteLine("first");
        await pump.DisposeAsync();
        pump.WriteLine("after the end");

        // Assert
        Assert.IsType<IOException>(pump.Failure);
        Assert.Equal(1, calls);
    }

    private static int BlockCount(FakeAppendBlob blob)
    {
        lock (blob.Blocks)
        {
            return blob.Blocks.Count;
        }
    }
}
