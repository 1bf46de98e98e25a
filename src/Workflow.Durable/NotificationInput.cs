using Workflow.Execution;

namespace Workflow.Durable;

/// <summary>The input of the <see cref="OrchestrationNames.PublishNotificationActivity"/> activity.</summary>
public sealed record NotificationInput(string RunId, string PipelineId, string OwnerGroup, Notify Notification);
