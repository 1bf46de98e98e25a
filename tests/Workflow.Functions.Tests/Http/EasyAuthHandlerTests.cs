using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.Functions.Http;
using Workflow.Functions.Tests.Support;

namespace Workflow.Functions.Tests.Http;

/// <summary>
/// The Azure app's authentication scheme, run through ASP.NET Core's own authentication service: the caller header
/// counts only when App Service says its authentication is on.
/// </summary>
public sealed class EasyAuthHandlerTests
{
    [Fact]
    public async Task A_caller_header_authenticates_when_platform_authentication_is_on()
    {
        // Arrange
        using var services = Services("True", out _);
        var context = Request(services, Header(("http://schemas.microsoft.com/identity/claims/objectidentifier",
            "3f2a"), ("roles", "operator")));

        // Act
        var result = await context.AuthenticateAsync(EasyAuthHandler.SchemeName);

        // Assert
        Assert.True(result.Succeeded);
        Assert.True(result.Principal!.Identity!.IsAuthenticated);
        Assert.Equal("3f2a", result.Principal.FindFirst("oid")?.Value);
        Assert.True(result.Principal.IsInRole("operator"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("False")]
    [InlineData("")]
    [InlineData("yes")]
    public async Task A_caller_header_is_ignored_when_platform_authentication_is_not_on(string? platform)
    {
        // Arrange
        using var services = Services(platform, out var logs);
        var context = Request(services, Header(("roles", "admin")));

        // Act
        var result = await context.AuthenticateAsync(EasyAuthHandler.SchemeName);

        // Assert
        Assert.False(result.Succeeded);
        Assert.Null(result.Principal);
        Assert.Contains(logs, e => e.EventId == Log.Ids.PlatformAuthenticationOff && e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task Without_platform_authentication_the_warning_is_logged_once_for_many_requests()
    {
        // Arrange
        using var services = Services(null, out var logs);

        // Act
        for (var i = 0; i < 3; i++)
        {
            await Request(services, Header(("roles", "admin"))).AuthenticateAsync(EasyAuthHandler.SchemeName);
        }

        // Assert
        Assert.Single(logs, e => e.EventId == Log.Ids.PlatformAuthenticationOff);
    }

    [Fact]
    public async Task With_platform_authentication_on_a_request_without_the_header_is_anonymous()
    {
        // Arrange
        using var services = Services("True", out var logs);

        // Act
        var result = await Request(services, null).AuthenticateAsync(EasyAuthHandler.SchemeName);

        // Assert
        Assert.True(result.None);
        Assert.DoesNotContain(logs, e => e.EventId == Log.Ids.PlatformAuthenticationOff);
    }

    private static ServiceProvider Services(string? platform,
        out ConcurrentQueue<(int EventId, LogLevel Level, string Message)> logs)
    {
        var values = new Dictionary<string, string?>();
        if (platform is not null)
        {
            values[EasyAuthHandler.PlatformAuthenticationSetting] = platform;
        }

        var capture = new CapturingLoggerProvider();
        logs = capture.Entries;
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build())
            .AddLogging(b => b.AddProvider(capture));
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, EasyAuthHandler>(EasyAuthHandler.SchemeName, null);
        return services.BuildServiceProvider();
    }

    private static DefaultHttpContext Request(IServiceProvider services, string? header)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        if (header is not null)
        {
            context.Request.Headers[AppServicePrincipal.HeaderName] = header;
        }

        return context;
    }

    /// <summary>The header as App Service writes it: base64 JSON with the caller's claims.</summary>
    private static string Header(params (string Type, string Value)[] claims) => PrincipalHeader.For(claims);
}
