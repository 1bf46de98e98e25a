using Workflow.Services;

namespace Workflow.Api.Contracts;

/// <summary>The body of <c>PUT /api/groups/{group}/secrets/{name}</c>.</summary>
public sealed record SetSecretRequest(string? Value);

/// <summary>A secret as the API shows it: name, version, who set it and when; never the value.</summary>
public sealed record SecretSummary(string Name, string Group, int Version, string UpdatedBy, DateTimeOffset UpdatedAt)
{
    public static SecretSummary From(string group, SecretInfo info) =>
        new(info.Name, group, info.Version, info.UpdatedBy, info.UpdatedAt);
}
