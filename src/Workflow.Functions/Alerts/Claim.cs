namespace Workflow.Functions.Alerts;

/// <summary>What a handler may do with a delivery's queue message, decided on the alert's entity.</summary>
public enum ClaimVerdict
{
    /// <summary>The handler holds the delivery now and posts it.</summary>
    Claimed,

    /// <summary>No such alert or delivery (purged): the message is dropped.</summary>
    Gone,

    /// <summary>Delivered or given up already: never sent again.</summary>
    Done,

    /// <summary>A duplicate from before a later attempt: the later attempt's message carries on.</summary>
    Stale,

    /// <summary>Another handler holds it; the message comes back when that claim ends.</summary>
    Busy,

    /// <summary>
    /// An earlier raise or clear of the same alert to the same receiver is not delivered yet (it waits out the
    /// receiver's outage): the message comes back later, so the receiver hears the alert's events in order.
    /// </summary>
    Behind,
}

/// <summary>The answer of <see cref="TableAlertStore.ClaimAsync"/>: the verdict, and the delivery as it was.</summary>
public sealed record Claim(ClaimVerdict Verdict, ReceiverDelivery? Delivery, TimeSpan RetryIn = default);
