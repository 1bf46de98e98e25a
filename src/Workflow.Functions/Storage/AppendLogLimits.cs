namespace Workflow.Functions.Storage;

/// <summary>The limits <see cref="AppendLogPump"/> works within.</summary>
public sealed record AppendLogLimits
{
    /// <summary>A block holds lines up to this many bytes (or one line, whatever its length).</summary>
    public int MaxBlockBytes { get; init; } = 1 << 20;

    /// <summary>Longer lines are cut, so that one line always fits a block (4 bytes per character at most).</summary>
    public int MaxLineChars { get; init; } = (1 << 20) / 4;

    public int MaxBlocks { get; init; } = 50_000;

    public TimeSpan GatherWindow { get; init; } = TimeSpan.FromSeconds(1);
}
