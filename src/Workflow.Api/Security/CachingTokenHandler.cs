using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Workflow.Api.Security;

/// <summary>
/// The bearer schemes' token handler: a <see cref="JsonWebTokenHandler"/> that remembers the tokens it validated, so
/// that a client sending the same token on every request is not parsed and signature-checked again each time. The
/// rules stay those of the full validation:
/// <list type="bullet">
/// <item>a hit needs the identical token string (header, claims and signature): any other token is validated in
/// full;</item>
/// <item>every hit checks the token's lifetime again with the request's parameters and the library's own rule
/// (<see cref="Validators.ValidateLifetime"/>: expiry, not-before, clock skew); a token that no longer passes is
/// forgotten and validated in full, which refuses it as before;</item>
/// <item>a validation is reused for at most <see cref="MaxAge"/>, so a signing key or issuer the identity provider
/// withdraws stops being trusted within that time (the metadata itself is refreshed less often);</item>
/// <item>only successes are kept, and each hit gets its own copy of the identity.</item>
/// </list>
/// One instance serves one scheme, so tokens of the development and the SSO scheme never meet.
/// </summary>
internal sealed class CachingTokenHandler(TimeProvider time) : JsonWebTokenHandler
{
    /// <summary>How long one validation is reused at most.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private const int MaxTokens = 10_000;

    private readonly ConcurrentDictionary<string, Validated> _validated = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token,
        TokenValidationParameters validationParameters)
    {
        if (token is not null && validationParameters is not null && _validated.TryGetValue(token, out var known))
        {
            if (time.GetUtcNow() - known.At < MaxAge && LifetimeHolds(known.Token, validationParameters))
            {
                return new TokenValidationResult
                {
                    IsValid = true,
                    ClaimsIdentity = known.Identity.Clone(),
                    SecurityToken = known.Token,
                    Issuer = known.Issuer,
                    TokenType = known.TokenType,
                };
            }

            _validated.TryRemove(token, out _);
        }

        var result = await base.ValidateTokenAsync(token!, validationParameters!);
        if (result is { IsValid: true, SecurityToken: JsonWebToken jwt, ClaimsIdentity: { } identity })
        {
            if (_validated.Count >= MaxTokens)
            {
                _validated.Clear();
            }

            // The cache keeps its own copy: whatever changes the first request's identity must not reach the next.
            _validated[token!] = new Validated(jwt, identity.Clone(), result.Issuer, result.TokenType, time.GetUtcNow());
        }

        return result;
    }

    /// <summary>The lifetime check of <see cref="JsonWebTokenHandler"/>, reading the claims the same way.</summary>
    private static bool LifetimeHolds(JsonWebToken token, TokenValidationParameters parameters)
    {
        DateTime? expires = token.TryGetClaim(JwtRegisteredClaimNames.Exp, out _) ? token.ValidTo : null;
        DateTime? notBefore = token.TryGetClaim(JwtRegisteredClaimNames.Nbf, out _) ? token.ValidFrom : null;
        try
        {
            Validators.ValidateLifetime(notBefore, expires, token, parameters);
            return true;
        }
        catch (SecurityTokenException)
        {
            return false;
        }
    }

    private sealed record Validated(JsonWebToken Token, System.Security.Claims.ClaimsIdentity Identity,
        string? Issuer, string? TokenType, DateTimeOffset At);
}
