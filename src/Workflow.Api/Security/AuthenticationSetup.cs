using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Workflow.Api.Problems;

namespace Workflow.Api.Security;

/// <summary>
/// Registers JWT bearer authentication: an OIDC scheme for SSO and, in Development only, a scheme for the
/// development issuer. A forwarding scheme picks one by the token's issuer.
/// </summary>
internal static class AuthenticationSetup
{
    public static void AddWorkflowAuthentication(this IServiceCollection services, IConfiguration configuration,
        bool devTokensEnabled)
    {
        var options = configuration.GetSection(WorkflowAuthOptions.Section).Get<WorkflowAuthOptions>()
            ?? new WorkflowAuthOptions();
        var devKey = new DevSigningKey(options);
        services.AddSingleton(devKey);
        services.AddSingleton(new DevTokenGate(devTokensEnabled));

        services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "Workflow bearer", p =>
                p.ForwardDefaultSelector = ctx => SelectScheme(ctx, options, devTokensEnabled))
            .AddJwtBearer(AuthSchemes.Oidc, o =>
            {
                o.MapInboundClaims = false;
                o.Authority = string.IsNullOrWhiteSpace(options.Authority) ? null : options.Authority;
                o.Audience = options.Audience;
                o.RequireHttpsMetadata = options.RequireHttpsMetadata;
                o.TokenValidationParameters.NameClaimType = "sub";
                o.TokenValidationParameters.RoleClaimType = options.RolesClaim;
                o.Events = ProblemEvents();
            })
            .AddJwtBearer(AuthSchemes.Dev, o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.DevIssuer,
                    ValidAudience = options.DevAudience,
                    IssuerSigningKey = devKey.Key,
                    NameClaimType = "sub",
                    RoleClaimType = options.RolesClaim,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                o.Events = ProblemEvents();
            });
        services.AddOptions<JwtBearerOptions>(AuthSchemes.Oidc).Configure<TimeProvider>(UseCachingHandler);
        services.AddOptions<JwtBearerOptions>(AuthSchemes.Dev).Configure<TimeProvider>(UseCachingHandler);
        services.AddAuthorization();
    }

    /// <summary>Each scheme gets its own <see cref="CachingTokenHandler"/> in place of the default handler.</summary>
    private static void UseCachingHandler(JwtBearerOptions options, TimeProvider time)
    {
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(new CachingTokenHandler(time) { MapInboundClaims = options.MapInboundClaims });
    }

    private static string SelectScheme(HttpContext context, WorkflowAuthOptions options, bool devTokensEnabled)
    {
        if (!devTokensEnabled)
        {
            return AuthSchemes.Oidc;
        }

        // Without an SSO authority every token goes to the development scheme, so there is no issuer to read.
        if (string.IsNullOrWhiteSpace(options.Authority))
        {
            return AuthSchemes.Dev;
        }

        var header = context.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthSchemes.Oidc;
        }

        var handler = new JsonWebTokenHandler();
        var token = header[prefix.Length..].Trim();
        if (handler.CanReadToken(token))
        {
            try
            {
                if (handler.ReadJsonWebToken(token).Issuer == options.DevIssuer)
                {
                    return AuthSchemes.Dev;
                }
            }
            catch (ArgumentException)
            {
                // Not a readable JWT: let the OIDC scheme refuse it.
            }
        }

        return AuthSchemes.Oidc;
    }

    /// <summary>Answers 401 as problem details, saying what to send, instead of an empty body.</summary>
    private static JwtBearerEvents ProblemEvents() => new()
    {
        OnChallenge = async context =>
        {
            context.HandleResponse();
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            var detail = context.AuthenticateFailure is null
                ? "Send a bearer token: 'Authorization: Bearer <token>'. In Development, POST /api/dev/token gives one."
                : "The bearer token was refused: it is expired, malformed, or not signed by a trusted issuer.";
            await ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Authentication required", detail)
                .ExecuteAsync(context.HttpContext);
        },
    };
}

/// <summary>Whether this process issues development tokens (Development environment and not turned off).</summary>
public sealed record DevTokenGate(bool Enabled);
