using System.Text;
using System.Text.Json;

namespace Workflow.Functions.Tests.Support;

/// <summary>The <c>X-MS-CLIENT-PRINCIPAL</c> value App Service Authentication forwards for a signed-in caller.</summary>
public static class PrincipalHeader
{
    public static string For(params (string Type, string Value)[] claims) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            name_typ = "name",
            role_typ = "roles",
            claims = claims.Select(c => new { typ = c.Type, val = c.Value }),
        })));
}
