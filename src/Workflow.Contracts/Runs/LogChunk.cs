namespace Workflow.Contracts;

/// <summary>
/// A byte range of an attempt's log: <see cref="Offset"/> is where the range starts (the real start when a tail was
/// asked for). <see cref="Complete"/> turns true once the attempt has finished and the range reaches the end.
/// </summary>
public sealed record LogChunk(long Offset, long TotalBytes, string Text, bool Complete);
