using System.Security.Claims;
using System.Text;
using System.Text.Json;

namespace Workflow.Functions.Http;

/// <summary>
/// Reads the caller that App Service Authentication (Easy Auth) validated and passed on in the
/// <c>X-MS-CLIENT-PRINCIPAL</c> header: base64 JSON with <c>auth_typ</c>, <c>name_typ</c>, <c>role_typ</c> and a
/// <c>claims</c> array of <c>{typ, val}</c>. Long WS-Federation claim types are mapped to the short names the
/// API's access policy reads (<c>sub</c>, <c>groups</c>, <c>roles</c>), so the Azure app and the embedded host
/// authorize the same way. The header is trusted only because the platform strips it from incoming requests.
/// </summary>
public static class AppServicePrincipal
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    private static readonly Dictionary<string, string> ShortTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [ClaimTypes.NameIdentifier] = "sub",
        [ClaimTypes.Role] = "roles",
        ["http://schemas.microsoft.com/ws/2008/06/identity/claims/groups"] = "groups",
        [ClaimTypes.Email] = "email",
        [ClaimTypes.Upn] = "preferred_username",
        ["http://schemas.microsoft.com/identity/claims/objectidentifier"] = "oid",
    };

    /// <summary>The principal, or null when the header is absent or is not what Easy Auth writes.</summary>
    public static ClaimsPrincipal? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(header.Trim());
        }
        catch (FormatException)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(bytes));
            return Build(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ClaimsPrincipal? Build(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claims", out var claims)
            || claims.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var roleType = Text(root, "role_typ") ?? ClaimTypes.Role;
        var list = new List<Claim>();
        foreach (var claim in claims.EnumerateArray())
        {
            if (Text(claim, "typ") is not { Length: > 0 } type || Text(claim, "val") is not { } value)
            {
                continue;
            }

            var shortType = string.Equals(type, roleType, StringComparison.OrdinalIgnoreCase)
                ? "roles"
                : ShortTypes.GetValueOrDefault(type, type);
            list.Add(new Claim(shortType, value));
        }

        if (list.Count == 0)
        {
            return null;
        }

        var identity = new ClaimsIdentity(list, Text(root, "auth_typ") ?? "aad", "sub", "roles");
        return new ClaimsPrincipal(identity);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
