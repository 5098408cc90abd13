using Ordo.Core.Engine;
using Ordo.Server.Auth;
using Ordo.Testing;

namespace Ordo.Server.Tests.Auth;

/// <summary>What every dialect's authentication finds: live credentials, and demo ones only in demo mode.</summary>
public sealed class CredentialLookupTests
{
    [Fact]
    public async Task Demo_credentials_are_found_only_in_demo_mode_and_revoked_ones_never()
    {
        using var database = new ScratchDatabase();
        using var store = database.Open();
        var administration = new Administration(store, new ManualClock());
        var issuer = new CredentialIssuer(administration, SecretBox.ForDatabase(database.Path, null));
        var account = (await administration.CreateAccountAsync("someone", null)).Id;
        var demo = (await issuer.FeeeAsync(account, "fixed_feee_key")).Credential!;
        var real = (await issuer.FeeeAsync(account)).Credential!;
        var wallet = (await issuer.TanxAsync(account, "0x" + new string('a', 40), demo: true)).Credential!;

        var plain = new CredentialLookup(store, new ServerOptions());
        var demoMode = new CredentialLookup(store, new ServerOptions { Demo = true });
        (await plain.FindAsync(DialectNames.Feee, Secrets.Hash("fixed_feee_key"), default)).ShouldBeNull("a fixed key is a published demo key");
        (await demoMode.FindAsync(DialectNames.Feee, Secrets.Hash("fixed_feee_key"), default))!.Id.ShouldBe(demo.Id);
        (await plain.FindAsync(DialectNames.Feee, Secrets.Hash(real.Key!), default))!.Id.ShouldBe(real.Id);
        (await plain.GetAsync(wallet.Id, default)).ShouldBeNull();
        (await demoMode.GetAsync(wallet.Id, default))!.Dialect.ShouldBe(DialectNames.Tanx);

        (await administration.RevokeCredentialAsync(account, real.Id)).ShouldBe(RevokeStatus.Revoked);
        (await administration.RevokeCredentialAsync(account, real.Id)).ShouldBe(RevokeStatus.AlreadyRevoked);
        (await administration.RevokeCredentialAsync(account + 1, demo.Id)).ShouldBe(RevokeStatus.NotFound, "another account's credential");
        (await plain.FindAsync(DialectNames.Feee, Secrets.Hash(real.Key!), default)).ShouldBeNull();
        (await demoMode.GetAsync(real.Id, default)).ShouldBeNull();
    }
}
