using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

using Ordo.Server.Auth;

namespace Ordo.Server.Tanx;

/// <summary>
/// HS256 JSON Web Tokens for tanX, through Microsoft.IdentityModel: access tokens (15 minutes) and
/// refresh tokens (7 days). Validation is strict: signature with this key only, algorithm HS256
/// only, header <c>typ</c> JWT, Ordo's issuer and tanX's audience, and a lifetime read from the
/// injected clock with no skew. The key is derived from the database's secrets key, so tokens
/// survive a restart and every process on the database accepts them.
/// </summary>
public sealed class TanxTokens
{
    public const string Access = "access";
    public const string Refresh = "refresh";
    public const string Issuer = "ordo";
    public const string Audience = "ordo-tanx";
    private const string TokenTypeClaim = "token_type";
    private const string AccountClaim = "user_id";
    private const string CredentialClaim = "cid";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false, MapInboundClaims = false };
    private readonly SymmetricSecurityKey _key;
    private readonly TokenValidationParameters _validation;
    private readonly TimeProvider _clock;
    private readonly ServerOptions _options;

    public TanxTokens(SecretBox box, TimeProvider clock, ServerOptions options)
    {
        _clock = clock;
        _options = options;
        _key = new SymmetricSecurityKey(box.DeriveKey("tanx-jwt"));
        _validation = new TokenValidationParameters
        {
            IssuerSigningKey = _key,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidTypes = [JwtConstants.HeaderType],
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.Zero,

            // The library reads the system clock; the lifetime is checked against the injected one instead.
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return expires is { } end && now < end && (notBefore is not { } start || start <= now);
            },
        };
    }

    public sealed record Claims(string TokenType, long AccountId, long CredentialId, string Id);

    public (string Access, string Refresh) Issue(long accountId, long credentialId) =>
        (Sign(Access, accountId, credentialId, _options.Tanx.AccessTokenLifetime),
         Sign(Refresh, accountId, credentialId, _options.Tanx.RefreshTokenLifetime));

    /// <summary>The claims of a valid, unexpired token of the given type; null for anything else.</summary>
    public async Task<Claims?> ValidateAsync(string token, string tokenType)
    {
        var result = await _handler.ValidateTokenAsync(token, _validation);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return null;
        }

        return jwt.TryGetPayloadValue<string>(TokenTypeClaim, out var type) && type == tokenType
            && jwt.TryGetPayloadValue<long>(AccountClaim, out var account)
            && jwt.TryGetPayloadValue<long>(CredentialClaim, out var credential)
            && jwt.Id is { Length: > 0 } id
                ? new Claims(type, account, credential, id)
                : null;
    }

    private string Sign(string tokenType, long accountId, long credentialId, TimeSpan lifetime)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            TokenType = JwtConstants.HeaderType,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [TokenTypeClaim] = tokenType,
                [AccountClaim] = accountId,
                [CredentialClaim] = credentialId,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
        });
    }
}
