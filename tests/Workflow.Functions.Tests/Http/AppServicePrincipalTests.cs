using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Workflow.Functions.Http;

namespace Workflow.Functions.Tests.Http;

public sealed class AppServicePrincipalTests
{
    private static string Header(object principal) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(principal)));

    [Fact]
    public void An_Easy_Auth_header_becomes_a_principal_with_the_claims_the_access_policy_reads()
    {
        // Arrange: what Easy Auth forwards for an Entra ID user with two groups and the operator role.
        var header = Header(new
        {
            auth_typ = "aad",
            name_typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
            role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
            claims = new[]
            {
                new { typ = ClaimTypes.NameIdentifier, val = "u-123" },
                new { typ = "preferred_username", val = "ada@example.com" },
                new { typ = "groups", val = "data-eng" },
                new { typ = "groups", val = "finance" },
                new { typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role", val = "operator" },
            },
        });

        // Act
        var principal = AppServicePrincipal.Parse(header);

        // Assert
        Assert.NotNull(principal);
        Assert.True(principal.Identity!.IsAuthenticated);
        Assert.Equal("aad", principal.Identity.AuthenticationType);
        Assert.Equal("u-123", principal.FindFirst("sub")!.Value);
        Assert.Equal("u-123", principal.Identity.Name);
        Assert.Equal(["data-eng", "finance"], principal.FindAll("groups").Select(c => c.Value));
        Assert.Equal("operator", principal.FindFirst("roles")!.Value);
        Assert.True(principal.IsInRole("operator"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("bm90IGpzb24=")]
    [InlineData("eyJhdXRoX3R5cCI6ImFhZCJ9")]
    public void A_missing_or_malformed_header_gives_no_principal_rather_than_an_error(string? header) =>
        Assert.Null(AppServicePrincipal.Parse(header));
}
