using Workflow.Contracts;
using Workflow.Services;

namespace Workflow.Api.Contracts;

/// <summary>The one place where a stored secret's metadata becomes its wire record (never its value).</summary>
public static class SecretMappings
{
    public static SecretSummary ToContract(this SecretInfo info, string group)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new SecretSummary(info.Name, group, info.Version, info.UpdatedBy, info.UpdatedAt);
    }
}
