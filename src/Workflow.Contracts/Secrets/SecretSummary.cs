namespace Workflow.Contracts;

/// <summary>A secret as the API shows it: name, version, who set it and when; never the value.</summary>
public sealed record SecretSummary(string Name, string Group, int Version, string UpdatedBy, DateTimeOffset UpdatedAt);
