using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Orchestration.Hosting;

namespace Workflow.Functions.Http;

/// <summary>
/// The authentication scheme of the Azure app: App Service Authentication has already validated the Entra ID token
/// and forwards the caller in <c>X-MS-CLIENT-PRINCIPAL</c>; <see cref="AppServicePrincipal"/> reads it. The API's
/// authorization then runs unchanged on that principal.
/// </summary>
public sealed class EasyAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AppServiceAuthentication";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var principal = AppServicePrincipal.Parse(Request.Headers[AppServicePrincipal.HeaderName]);
        return Task.FromResult(principal is null
            ? AuthenticateResult.NoResult()
            : AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }
}
