using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Workflow.Api.Security;
using Workflow.Api.Tests.Infrastructure;
using Workflow.Tests.Shared;

namespace Workflow.Api.Tests.Security;

/// <summary>
/// The validated-token cache keeps the rules of a full validation: a changed token, an expired one and one whose
/// signing key is no longer trusted (after the cache's maximum age) are refused.
/// </summary>
public sealed class TokenCacheTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData(AuthSchemes.Oidc)]
    [InlineData(AuthSchemes.Dev)]
    public void Each_bearer_scheme_validates_through_the_caching_handler(string scheme)
    {
        var options = factory.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(scheme);
        Assert.IsType<CachingTokenHandler>(Assert.Single(options.TokenHandlers));
    }

    [Fact]
    public async Task A_token_changed_after_its_validation_was_cached_is_refused()
    {
        var alice = await ApiClient.LoginAsync(factory, "alice", ["data-eng"], ["viewer"]);
        var token = alice.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/api/me")).StatusCode);

        var parts = token.Split('.');
        var flipped = parts[2][..^2] + (parts[2][^2] == 'A' ? 'B' : 'A') + parts[2][^1];
        var otherSignature = $"{parts[0]}.{parts[1]}.{flipped}";
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace("\"viewer\"", "\"admin\"", StringComparison.Ordinal);
        var otherClaims = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(otherSignature));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(otherClaims));
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(token));
    }

    [Fact]
    public async Task Each_cached_token_answers_for_its_own_user()
    {
        var alice = await ApiClient.LoginAsync(factory, "alice", ["data-eng"], ["viewer"]);
        var bob = await ApiClient.LoginAsync(factory, "bob", ["ops"], ["viewer"]);

        for (var i = 0; i < 3; i++)
        {
            Assert.Contains("\"alice\"", await (await alice.GetAsync("/api/me")).Content.ReadAsStringAsync(),
                StringComparison.Ordinal);
            Assert.Contains("\"bob\"", await (await bob.GetAsync("/api/me")).Content.ReadAsStringAsync(),
                StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_cached_token_is_refused_once_it_expires()
    {
        var key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        var parameters = Parameters(key);
        var token = Token(key, DateTime.UtcNow.AddSeconds(2));
        var handler = new CachingTokenHandler(new FakeTimeProvider(DateTimeOffset.UtcNow));
        Assert.True((await handler.ValidateTokenAsync(token, parameters)).IsValid);

        // The cache's own clock stands still, so only the lifetime check on a cache hit can refuse the token.
        var result = await Poll.GetAsync(() => handler.ValidateTokenAsync(token, parameters), r => !r.IsValid,
            "the cached token to be refused after its expiry", describe: r => $"valid {r.IsValid}");

        Assert.IsType<SecurityTokenExpiredException>(result.Exception);
    }

    [Fact]
    public async Task A_validation_is_reused_for_at_most_the_maximum_age()
    {
        var key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        var token = Token(key, DateTime.UtcNow.AddHours(1));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var handler = new CachingTokenHandler(clock);
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(key))).IsValid);
        var keyWithdrawn = Parameters(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));

        var withinMaxAge = await handler.ValidateTokenAsync(token, keyWithdrawn);
        clock.Advance(CachingTokenHandler.MaxAge);
        var afterMaxAge = await handler.ValidateTokenAsync(token, keyWithdrawn);

        Assert.True(withinMaxAge.IsValid);
        Assert.Equal("alice", withinMaxAge.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.False(afterMaxAge.IsValid);
    }

    private async Task<HttpStatusCode> StatusWithAsync(string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/me")).StatusCode;
    }

    private static TokenValidationParameters Parameters(SecurityKey key) => new()
    {
        ValidIssuer = "test-issuer",
        ValidAudience = "workflow",
        IssuerSigningKey = key,
        ClockSkew = TimeSpan.Zero,
    };

    private static string Token(SecurityKey key, DateTime expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "test-issuer",
            Audience = "workflow",
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = "alice" },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
}
