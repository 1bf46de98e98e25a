using Workflow.Engine.Storage;
using Workflow.Engine.Tests.Support;

namespace Workflow.Engine.Tests.Storage;

/// <summary>One writer per store: the engine holds an OS lock on its data directory while it lives.</summary>
public sealed class DataDirectoryLockTests
{
    [Fact]
    public async Task A_second_engine_on_a_held_data_directory_is_refused_naming_the_directory_and_the_holder()
    {
        // Arrange
        await using var first = await TestEngine.StartAsync();

        // Act
        var refused = await Assert.ThrowsAsync<DataDirectoryLockedException>(
            () => TestEngine.StartAsync(dataDirectory: first.DataDirectory));

        // Assert
        Assert.Equal(first.DataDirectory, refused.DataDirectory);
        Assert.Equal(Environment.ProcessId, refused.HolderProcessId);
        Assert.Contains(first.DataDirectory, refused.Message, StringComparison.Ordinal);
        Assert.Contains($"process {Environment.ProcessId}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_data_directory_is_free_again_once_the_engine_holding_it_is_disposed()
    {
        // Arrange
        var directory = TempDirectory.Create();
        await using (await TestEngine.StartAsync(dataDirectory: directory))
        {
        }

        // Act
        await using var second = await TestEngine.StartAsync(dataDirectory: directory);

        // Assert
        Assert.True(second.Services.GetService(typeof(DataDirectoryLock)) is DataDirectoryLock { IsHeld: true });
    }
}
