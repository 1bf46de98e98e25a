using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Workflow.Functions.Http;

/// <summary>
/// The authentication scheme of the Azure app: App Service Authentication has already validated the Entra ID token
/// and forwards the caller in <c>X-MS-CLIENT-PRINCIPAL</c>; <see cref="AppServicePrincipal"/> reads it. The API's
/// authorization then runs unchanged on that principal.
/// </summary>
/// <remarks>
/// The header is trusted only when the platform says authentication is on (<c>WEBSITE_AUTH_ENABLED=True</c>, which
/// App Service injects and a caller cannot set): only then does the platform strip a caller's own copy of the
/// header. Without it anyone could write the header, so the handler authenticates nobody and warns once.
/// </remarks>
public sealed class EasyAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, IConfiguration configuration)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AppServiceAuthentication";

    /// <summary>The environment variable App Service sets to <c>True</c> when its authentication is on.</summary>
    public const string PlatformAuthenticationSetting = "WEBSITE_AUTH_ENABLED";

    // One warning per configuration, that is per process: the handler itself is created for every request.
    private static readonly ConditionalWeakTable<IConfiguration, object> Warned = new();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!bool.TryParse(configuration[PlatformAuthenticationSetting], out var on) || !on)
        {
            if (Warned.TryAdd(configuration, new object()))
            {
                Log.PlatformAuthenticationOff(Logger, PlatformAuthenticationSetting, AppServicePrincipal.HeaderName);
            }

            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var principal = AppServicePrincipal.Parse(Request.Headers[AppServicePrincipal.HeaderName]);
        return Task.FromResult(principal is null
            ? AuthenticateResult.NoResult()
            : AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }
}
