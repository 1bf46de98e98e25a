using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Workflow.Api.Security;

/// <summary>Issues development tokens with the same claims an SSO provider would give: sub, groups and roles.</summary>
public sealed class DevTokenIssuer(DevSigningKey key, IOptions<WorkflowAuthOptions> options, TimeProvider time)
{
    public (string Token, DateTimeOffset ExpiresAt) Issue(string user, IReadOnlyList<string> groups,
        IReadOnlyList<string> roles)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var expires = now + o.DevTokenLifetime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = o.DevIssuer,
            Audience = o.DevAudience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = user,
                ["name"] = user,
                [o.GroupsClaim] = groups.ToArray(),
                [o.RolesClaim] = roles.ToArray(),
            },
        };
        return (new JsonWebTokenHandler().CreateToken(descriptor), expires);
    }
}
