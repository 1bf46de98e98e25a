namespace Workflow.Functions.Storage;

/// <summary>
/// How often <see cref="BlobMarks"/> finds the unmarked pipelines again, by the clock given: the marks an older build
/// in a mixed deployment does not write are found at most this long after its write.
/// </summary>
internal sealed record MarkRescan(TimeSpan Every, TimeProvider Time);
