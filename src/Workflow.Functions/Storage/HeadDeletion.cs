using Workflow.Services;

namespace Workflow.Functions.Storage;

/// <summary>
/// A head the catalogue is about to delete: its record, its ETag (the delete is conditional on it) and the ETag of the
/// deletion mark written just before (<see cref="BlobMarks.Deletions"/>), which a create of the pipeline removes
/// and a later delete writes again. What an audited delete keeps, to tell afterwards whether the head went.
/// </summary>
internal sealed record HeadDeletion(PipelineRecord Head, string HeadETag, string DeletionMark);
