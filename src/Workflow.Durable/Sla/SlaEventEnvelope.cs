using Workflow.Sla;

namespace Workflow.Durable.Sla;

/// <summary>
/// Carries an <see cref="SlaEvent"/> through the task hub. The property is typed as the base record so the
/// serializer writes its <c>type</c> discriminator; a bare derived event would arrive without one.
/// </summary>
public sealed record SlaEventEnvelope(SlaEvent Event);
