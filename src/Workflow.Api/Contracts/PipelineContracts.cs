namespace Workflow.Api.Contracts;

/// <summary>One stored version of a pipeline.</summary>
public sealed record PipelineVersionInfo(int Version, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>The answer of enable and disable.</summary>
public sealed record PipelineEnabledState(string Id, bool Enabled, int Version);
