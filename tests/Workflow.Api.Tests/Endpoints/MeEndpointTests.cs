using System.Net;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Endpoints;

public sealed class MeEndpointTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Me_answers_the_caller_as_the_API_sees_them()
    {
        // Arrange
        var alice = await ApiClient.LoginAsync(factory, "alice", ["finance", "data-eng"], ["viewer", "editor"]);

        // Act
        var me = await ApiClient.JsonAsync(await alice.GetAsync("/api/me"));

        // Assert
        Assert.Equal("alice", me.GetProperty("user").GetString());
        Assert.Equal(["data-eng", "finance"], me.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(["editor"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Me_without_a_token_answers_401()
    {
        // Act
        var response = await factory.CreateClient().GetAsync("/api/me");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Health_names_the_sign_in_url_only_when_one_is_configured()
    {
        // Arrange
        using var behindPlatform = new SignInUrlApiFactory();

        // Act
        var plain = await ApiClient.JsonAsync(await factory.CreateClient().GetAsync("/api/health"));
        var platform = await ApiClient.JsonAsync(await behindPlatform.CreateClient().GetAsync("/api/health"));

        // Assert
        Assert.False(plain.TryGetProperty("signInUrl", out _));
        Assert.Equal("/.auth/login/aad", platform.GetProperty("signInUrl").GetString());
    }

    private sealed class SignInUrlApiFactory() : ApiFactory("Development",
        new Dictionary<string, string?> { ["Workflow:Api:SignInUrl"] = "/.auth/login/aad" });
}
