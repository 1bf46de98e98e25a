using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Workflow.Api.Security;

/// <summary>
/// The symmetric key of the development issuer: the configured one, or a random one made once per process so
/// that no well-known key can ever sign a token.
/// </summary>
public sealed class DevSigningKey
{
    public DevSigningKey(WorkflowAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bytes = string.IsNullOrEmpty(options.DevSigningKey)
            ? RandomNumberGenerator.GetBytes(32)
            : Encoding.UTF8.GetBytes(options.DevSigningKey);
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException(
                $"{WorkflowAuthOptions.Section}:DevSigningKey is {bytes.Length} bytes long; it must be at least 32.");
        }

        Key = new SymmetricSecurityKey(bytes) { KeyId = "workflow-dev" };
    }

    public SymmetricSecurityKey Key { get; }
}
