namespace Workflow.Security;

/// <summary>
/// The answer of <see cref="AccessPolicy"/>. <see cref="Hidden"/> exists so that the API answers 404 for another
/// group's things: a caller outside the owner group must not learn that they exist.
/// </summary>
public enum AccessDecision
{
    Allowed,

    /// <summary>The caller is in the owner group but their role is too low: 403.</summary>
    Forbidden,

    /// <summary>The caller is not in the owner group: answer as if it did not exist (404).</summary>
    Hidden,
}
