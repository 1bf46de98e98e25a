namespace Workflow.Sla;

/// <summary>A problem with an SLA setting, shaped like the API's validation errors (path, message, hint).</summary>
public sealed record SlaRuleError(string Path, string Message, string Hint);
