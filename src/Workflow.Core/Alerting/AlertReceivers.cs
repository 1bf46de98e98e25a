using Workflow.Model;

namespace Workflow.Alerting;

/// <summary>
/// Which webhooks an alert of a pipeline goes to: the host's global webhooks, then the channels the pipeline's SLA
/// names, each once.
/// </summary>
public static class AlertReceivers
{
    public static IReadOnlyList<string> Of(IEnumerable<string> global, IEnumerable<AlertChannel>? channels) =>
        [.. global.Concat((channels ?? []).Select(c => c.Url)).Distinct(StringComparer.Ordinal)];
}
