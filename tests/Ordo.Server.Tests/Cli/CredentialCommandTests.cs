using System.Text.RegularExpressions;

using Ordo.Server.Auth;
using Ordo.Server.Cli;
using Ordo.Testing;

namespace Ordo.Server.Tests.Cli;

/// <summary><c>ordo credential create</c> for each dialect, run in-process against a real database file.</summary>
[Collection(ConsoleCapture.Name)]
public sealed partial class CredentialCommandTests
{
    [Fact]
    public async Task Feee_keys_and_tronify_channels_are_issued_from_the_command_line()
    {
        using var database = new ScratchDatabase();
        (await Run("migrate", "--db", database.Path)).Code.ShouldBe(0);
        (await Run("account", "create", "--name", "partner", "--db", database.Path)).Output.ShouldContain("Account 100 created");

        var feee = await Run("credential", "create", "--account", "100", "--dialect", "feee", "--db", database.Path);
        feee.Code.ShouldBe(0);
        var key = FeeeKey().Match(feee.Output).Groups[1].Value;
        key.ShouldStartWith("ordo_feee_");

        var tronify = await Run("credential", "create", "--account", "100", "--dialect", "tronify", "--source-flag", "partnerTwo", "--db", database.Path);
        tronify.Code.ShouldBe(0);
        var secret = TronifySecret().Match(tronify.Output).Groups[1].Value;
        secret.Length.ShouldBe(64);

        (await Run("credential", "create", "--account", "100", "--dialect", "tronify", "--source-flag", "partnerTwo", "--db", database.Path)).Code.ShouldBe(1);
        (await Run("credential", "create", "--account", "100", "--dialect", "tronify", "--db", database.Path)).Code.ShouldBe(2);

        using var store = database.Open();
        (await store.FindCredentialAsync(DialectNames.Feee, Secrets.Hash(key)))!.AccountId.ShouldBe(100);
        var channel = (await store.FindCredentialAsync(DialectNames.Tronify, "partnerTwo"))!;
        SecretBox.ForDatabase(database.Path, null).Open(channel.SealedSecret!, CredentialIssuer.TronifyBinding("partnerTwo")).ShouldBe(secret);
    }

    [Fact]
    public async Task Fungies_pairs_xendbridge_keys_and_tanx_wallets_are_issued_from_the_command_line()
    {
        using var database = new ScratchDatabase();
        (await Run("account", "create", "--name", "shop", "--db", database.Path)).Code.ShouldBe(0);
        var fungies = await Run("credential", "create", "--account", "100", "--dialect", "fungies", "--access", "read", "--db", database.Path);
        fungies.Code.ShouldBe(0);
        fungies.Output.ShouldContain("(read access)");
        var publicKey = Regex.Match(fungies.Output, @"Public key: (\S+)").Groups[1].Value;
        var secretKey = Regex.Match(fungies.Output, @"Secret key \(shown once, stored hashed\): (\S+)").Groups[1].Value;
        var xend = await Run("credential", "create", "--account", "100", "--dialect", "xendbridge", "--db", database.Path);
        var xendKey = Regex.Match(xend.Output, @"secretKey \(shown once, stored hashed\): (\S+)").Groups[1].Value;
        (await Run("credential", "create", "--account", "100", "--dialect", "tanx", "--eth-address", "0x2C7536E3605D9C16A7A3D7B1898E529396A65C23", "--db", database.Path))
            .Output.ShouldContain("0x2c7536e3605d9c16a7a3d7b1898e529396a65c23");
        (await Run("credential", "create", "--account", "100", "--dialect", "tanx", "--eth-address", "0x12", "--db", database.Path)).Code.ShouldBe(2);

        using var store = database.Open();
        var pair = (await store.FindCredentialAsync(DialectNames.Fungies, publicKey))!;
        pair.SecretHash.ShouldBe(Secrets.Hash(secretKey));
        pair.Scopes.ShouldBe([Scopes.OrdersRead]);
        (await store.FindCredentialAsync(DialectNames.XendBridge, Secrets.Hash(xendKey))).ShouldNotBeNull();
        (await store.FindCredentialAsync(DialectNames.Tanx, "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23")).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_credential_is_revoked_from_the_command_line_once()
    {
        using var database = new ScratchDatabase();
        (await Run("account", "create", "--name", "partner", "--db", database.Path)).Code.ShouldBe(0);
        var feee = await Run("credential", "create", "--account", "100", "--dialect", "feee", "--db", database.Path);
        var key = FeeeKey().Match(feee.Output).Groups[1].Value;
        var id = Regex.Match(feee.Output, @"Credential (\d+) ").Groups[1].Value;

        var revoked = await Run("credential", "revoke", "--id", id, "--db", database.Path);
        revoked.Code.ShouldBe(0);
        revoked.Output.ShouldContain($"Credential {id} revoked.");
        using (var store = database.Open())
        {
            (await store.FindCredentialAsync(DialectNames.Feee, Secrets.Hash(key))).ShouldBeNull();
        }

        var again = await Run("credential", "revoke", "--id", id, "--db", database.Path);
        again.Code.ShouldBe(0);
        again.Output.ShouldContain("already revoked");
        var unknown = await Run("credential", "revoke", "--id", "4242", "--db", database.Path);
        unknown.Code.ShouldBe(1);
        unknown.Output.ShouldContain("No credential 4242.");
    }

    [Theory]
    [InlineData("1", "platform")]
    [InlineData("2", "external")]
    public async Task System_accounts_refuse_credentials_and_deposits_from_the_command_line(string account, string name)
    {
        using var database = new ScratchDatabase();
        var credential = await Run("credential", "create", "--account", account, "--dialect", "feee", "--db", database.Path);
        credential.Code.ShouldBe(1);
        credential.Output.ShouldContain($"Account {account} is a system account ({name})");
        var deposit = await Run("deposit", "--account", account, "--asset", "TRX", "--amount", "5", "--external-id", "x", "--db", database.Path);
        deposit.Code.ShouldBe(1);
        deposit.Output.ShouldContain("takes no credentials or deposits");
        using var store = database.Open();
        (await store.GetLedgerAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://*:8080")]
    [InlineData("http://127.0.0.1:8080;http://192.168.1.5:8080")]
    public async Task Demo_mode_refuses_to_listen_beyond_loopback(string urls)
    {
        using var database = new ScratchDatabase();
        var (code, output) = await Run("serve", "--demo", "--urls", urls, "--db", database.Path);
        code.ShouldBe(2);
        output.ShouldContain("--demo serves published keys, so it listens on loopback addresses only");
        File.Exists(database.Path).ShouldBeFalse("nothing was started or created");
    }

    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (previousOut, previousError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = await OrdoCommandLine.Build().Parse(args).InvokeAsync();
            return (code, output + error.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }

    [GeneratedRegex(@"Key \(shown once, stored hashed\): (\S+)")]
    private static partial Regex FeeeKey();

    [GeneratedRegex(@"Secret \(shown once, stored encrypted\): (\S+)")]
    private static partial Regex TronifySecret();
}

/// <summary>Tests that redirect the console run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCapture
{
    public const string Name = "console";
}
