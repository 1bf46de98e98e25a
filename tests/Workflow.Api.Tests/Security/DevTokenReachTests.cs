using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Security;

/// <summary>
/// The development issuer mints any role for anyone who reaches it, so it answers loopback callers only unless a
/// setting says otherwise. The in-memory server has no network, so these hosts give every request the address of
/// a remote caller (a documentation address) before the API sees it.
/// </summary>
public sealed class DevTokenReachTests
{
    private static readonly IPAddress Remote = IPAddress.Parse("203.0.113.7");

    [Fact]
    public async Task A_remote_caller_is_refused_a_token_and_told_how_to_allow_it()
    {
        using var factory = new RemoteCallerFactory(anyAddress: false);

        var response = await factory.CreateClient().PostAsJsonAsync("/api/dev/token",
            new { user = "mallory", groups = new[] { "data-eng" }, roles = new[] { "admin" } });

        await ApiClient.AssertStatusAsync(HttpStatusCode.Forbidden, response);
        var detail = (await ApiClient.JsonAsync(response)).GetProperty("detail").GetString();
        Assert.Contains("203.0.113.7", detail, StringComparison.Ordinal);
        Assert.Contains("Workflow:Auth:DevTokensFromAnyAddress", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_remote_caller_gets_a_token_when_the_setting_allows_any_address()
    {
        using var factory = new RemoteCallerFactory(anyAddress: true);

        var response = await factory.CreateClient().PostAsJsonAsync("/api/dev/token",
            new { user = "rita", groups = new[] { "data-eng" }, roles = new[] { "viewer" } });

        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, response);
    }

    private sealed class RemoteCallerFactory(bool anyAddress) : ApiFactory("Development",
        new Dictionary<string, string?> { ["Workflow:Auth:DevTokensFromAnyAddress"] = anyAddress ? "true" : "false" })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RemoteAddressFilter()));
        }
    }

    private sealed class RemoteAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = Remote;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
