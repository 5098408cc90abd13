using System.CommandLine;

using Ordo.Core.Accounts;
using Ordo.Core.Engine;
using Ordo.Core.Markets;
using Ordo.Server.Auth;
using Ordo.Server.Hosting;
using Ordo.Core.Store;

namespace Ordo.Server.Cli;

/// <summary>
/// The <c>ordo</c> executable: <c>serve</c>, <c>migrate</c>, and operator verbs that work on the
/// database file directly (safe while a server runs on it: SQLite serializes the writers).
/// </summary>
public static class OrdoCommandLine
{
    public static RootCommand Build()
    {
        var db = new Option<string>("--db") { Description = "The database: a SQLite file, or PostgreSQL as postgres://user:password@host:port/database or an Npgsql connection string", DefaultValueFactory = _ => "./ordo.db", Recursive = true };
        var root = new RootCommand("Ordo: an order service whose heart is cancelling orders correctly and fast.") { db };
        root.Subcommands.Add(Serve(db));
        root.Subcommands.Add(Migrate(db));
        root.Subcommands.Add(Account(db));
        root.Subcommands.Add(CredentialCommand(db));
        root.Subcommands.Add(Deposit(db));
        root.Subcommands.Add(MarketCommand(db));
        root.Subcommands.Add(Payouts(db));
        root.Subcommands.Add(TanxLoginCommand.Build());
        return root;
    }

    private static Command Serve(Option<string> db)
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var demo = new Option<bool>("--demo") { Description = "On an empty database, create a demo account, keys, balances and markets, and print them" };
        var command = new Command("serve", "Run the server") { urls, demo };
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = Configuration.Load() with
            {
                Urls = result.GetValue(urls)!,
                Database = result.GetValue(db)!,
                Demo = result.GetValue(demo),
            };
            if (options.Demo && Demo.LoopbackUrls.FirstNonLoopback(options.Urls) is { } exposed)
            {
                Console.Error.WriteLine(Demo.LoopbackUrls.Refusal(exposed));
                return 2;
            }

            var app = OrdoServer.Build(options);
            await app.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command Migrate(Option<string> db)
    {
        var command = new Command("migrate", "Create the database or bring its schema up to date");
        command.SetAction(result =>
        {
            var applied = Stores.Migrate(result.GetValue(db)!);
            Console.WriteLine(applied.Count == 0 ? "Schema is up to date." : $"Applied migrations: {string.Join(", ", applied)}");
            return 0;
        });
        return command;
    }

    private static Command Account(Option<string> db)
    {
        var name = new Option<string>("--name") { Description = "Account name", Required = true };
        var email = new Option<string?>("--email") { Description = "Contact e-mail" };
        var create = new Command("create", "Create an account and print its id") { name, email };
        create.SetAction(async (result, cancellationToken) =>
        {
            using var ops = Operations.Open(result.GetValue(db)!);
            var account = await ops.Administration.CreateAccountAsync(result.GetValue(name)!, result.GetValue(email), cancellationToken);
            Console.WriteLine($"Account {account.Id} created ({account.Name}).");
            return 0;
        });
        return new Command("account", "Manage accounts") { create };
    }

    private static Command CredentialCommand(Option<string> db)
    {
        var account = new Option<long>("--account") { Description = "Account id", Required = true };
        var dialect = new Option<string>("--dialect") { Description = "Dialect of the credential: native, feee, tronify, tanx, fungies or xendbridge", DefaultValueFactory = _ => DialectNames.Native };
        dialect.AcceptOnlyFromAmong([.. DialectNames.WithCredentials]);
        var scopes = new Option<string>("--scopes") { Description = "Comma-separated scopes (native only)", DefaultValueFactory = _ => "orders:read,orders:write" };
        var sourceFlag = new Option<string?>("--source-flag") { Description = "The channel's sourceFlag (tronify only)" };
        var ethAddress = new Option<string?>("--eth-address") { Description = "The user's Ethereum address (tanx only)" };
        var access = new Option<string>("--access") { Description = "read or write (fungies only)", DefaultValueFactory = _ => "write" };
        access.AcceptOnlyFromAmong("read", "write");
        var create = new Command("create", "Create a credential and print its secret once") { account, dialect, scopes, sourceFlag, ethAddress, access };
        create.SetAction(async (result, cancellationToken) =>
        {
            var list = result.GetValue(scopes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (list.FirstOrDefault(s => !Scopes.All.Contains(s)) is { } unknown)
            {
                Console.Error.WriteLine($"Unknown scope '{unknown}'. Known: {string.Join(", ", Scopes.All)}");
                return 2;
            }

            var flag = result.GetValue(sourceFlag);
            var kind = result.GetValue(dialect)!;
            if (kind == DialectNames.Tronify && (flag is null || !SourceFlags.IsValid(flag)))
            {
                Console.Error.WriteLine($"--source-flag is required for tronify and {SourceFlags.Rule}.");
                return 2;
            }

            var address = result.GetValue(ethAddress);
            if (kind == DialectNames.Tanx && (address is null || !CredentialIssuer.IsEthAddress(address)))
            {
                Console.Error.WriteLine("--eth-address is required for tanx: 0x and 40 hex digits.");
                return 2;
            }

            using var ops = Operations.Open(result.GetValue(db)!);
            var issuer = new CredentialIssuer(ops.Administration, SecretBox.ForDatabase(result.GetValue(db)!, Environment.GetEnvironmentVariable("ORDO_SECRETS_KEY")));
            var id = result.GetValue(account);
            var issued = kind switch
            {
                DialectNames.Feee => await issuer.FeeeAsync(id, cancellationToken: cancellationToken),
                DialectNames.Tronify => await issuer.TronifyAsync(id, flag!, cancellationToken: cancellationToken),
                DialectNames.Tanx => await issuer.TanxAsync(id, address!, cancellationToken: cancellationToken),
                DialectNames.Fungies => await issuer.FungiesAsync(id, result.GetValue(access) == "write", cancellationToken: cancellationToken),
                DialectNames.XendBridge => await issuer.XendBridgeAsync(id, cancellationToken: cancellationToken),
                _ => await issuer.NativeAsync(id, list, cancellationToken: cancellationToken),
            };
            if (issued.Credential is not { } credential)
            {
                Console.Error.WriteLine(issued.Status switch
                {
                    CredentialStatus.LookupKeyTaken => $"'{flag ?? address}' is already taken.",
                    CredentialStatus.SystemAccount => SystemAccountMessage(id),
                    _ => $"No account {id}.",
                });
                return 1;
            }

            Console.WriteLine($"Credential {credential.Id} ({credential.Dialect}) for account {credential.AccountId}, scopes {string.Join(",", credential.Scopes)}.");
            if (credential.Key is not null)
            {
                Console.WriteLine($"Key (shown once, stored hashed): {credential.Key}");
            }
            else if (credential.PublicKey is not null)
            {
                Console.WriteLine($"Public key: {credential.PublicKey} ({credential.Access} access)");
                Console.WriteLine($"Secret key (shown once, stored hashed): {credential.SecretKey}");
            }
            else if (credential.SecretKey is not null)
            {
                Console.WriteLine($"secretKey (shown once, stored hashed): {credential.SecretKey}");
            }
            else if (credential.EthAddress is not null)
            {
                Console.WriteLine($"eth_address: {credential.EthAddress} (logs in with ordo tanx-login or any wallet's personal_sign)");
            }
            else
            {
                Console.WriteLine($"sourceFlag: {credential.SourceFlag}");
                Console.WriteLine($"Secret (shown once, stored encrypted): {credential.Secret}");
            }

            return 0;
        });
        return new Command("credential", "Manage credentials") { create, Revoke(db) };
    }

    private static Command Revoke(Option<string> db)
    {
        var id = new Option<long>("--id") { Description = "Credential id (as printed by credential create)", Required = true };
        var revoke = new Command("revoke", "Revoke a credential: it authenticates no one from now on") { id };
        revoke.SetAction(async (result, cancellationToken) =>
        {
            using var ops = Operations.Open(result.GetValue(db)!);
            var credential = result.GetValue(id);
            var status = await ops.Administration.RevokeCredentialAsync(null, credential, cancellationToken);
            Console.WriteLine(status switch
            {
                RevokeStatus.Revoked => $"Credential {credential} revoked.",
                RevokeStatus.AlreadyRevoked => $"Credential {credential} was already revoked; nothing changed.",
                _ => $"No credential {credential}.",
            });
            return status == RevokeStatus.NotFound ? 1 : 0;
        });
        return revoke;
    }

    private static string SystemAccountMessage(long account) =>
        $"Account {account} is a system account ({(account == Core.Ledger.SystemAccounts.Platform ? "platform" : "external")}): it takes no credentials or deposits.";

    private static Command Deposit(Option<string> db)
    {
        var account = new Option<long>("--account") { Description = "Account id", Required = true };
        var asset = new Option<string>("--asset") { Description = "Asset code, e.g. TRX", Required = true };
        var amount = new Option<decimal>("--amount") { Description = "Amount (exact decimal)", Required = true };
        var externalId = new Option<string>("--external-id") { Description = "Your id for this deposit; a repeat is not credited twice", Required = true };
        var command = new Command("deposit", "Credit an account's balance") { account, asset, amount, externalId };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetValue(amount) <= 0)
            {
                Console.Error.WriteLine("--amount must be greater than zero.");
                return 2;
            }

            using var ops = Operations.Open(result.GetValue(db)!);
            var status = await ops.Administration.DepositAsync(
                result.GetValue(account), result.GetValue(asset)!.ToUpperInvariant(), result.GetValue(amount), result.GetValue(externalId)!, cancellationToken);
            var refused = status is DepositStatus.AccountNotFound or DepositStatus.SystemAccount;
            (refused ? Console.Error : Console.Out).WriteLine(status switch
            {
                DepositStatus.Credited => "Deposit credited.",
                DepositStatus.Duplicate => "This external id was credited before; nothing changed.",
                DepositStatus.SystemAccount => SystemAccountMessage(result.GetValue(account)),
                _ => $"No account {result.GetValue(account)}.",
            });
            return refused ? 1 : 0;
        });
        return command;
    }

    private static Command MarketCommand(Option<string> db)
    {
        var name = new Argument<string>("name") { Description = "Market name, e.g. btcusdc" };
        var baseAsset = new Option<string>("--base") { Required = true };
        var quote = new Option<string>("--quote") { Required = true };
        var pricePrecision = new Option<int>("--price-precision") { DefaultValueFactory = _ => 2 };
        var volumePrecision = new Option<int>("--volume-precision") { DefaultValueFactory = _ => 4 };
        var minVolume = new Option<decimal>("--min-volume") { DefaultValueFactory = _ => 0.0001m };
        var makerFee = new Option<decimal>("--maker-fee") { DefaultValueFactory = _ => 0m };
        var takerFee = new Option<decimal>("--taker-fee") { DefaultValueFactory = _ => 0m };
        var set = new Command("set", "Define or change a market") { name, baseAsset, quote, pricePrecision, volumePrecision, minVolume, makerFee, takerFee };
        set.SetAction(async (result, cancellationToken) =>
        {
            using var ops = Operations.Open(result.GetValue(db)!);
            var saved = await ops.Administration.SaveMarketAsync(
                new Market(
                    result.GetValue(name)!, result.GetValue(baseAsset)!.ToUpperInvariant(), result.GetValue(quote)!.ToUpperInvariant(),
                    result.GetValue(pricePrecision), result.GetValue(volumePrecision), result.GetValue(minVolume),
                    result.GetValue(makerFee), result.GetValue(takerFee)),
                cancellationToken);
            if (saved.Status != MarketStatus.Saved)
            {
                Console.Error.WriteLine($"Market {saved.Market.Name} not saved: {saved.Field}: {saved.Message}.");
                return 1;
            }

            Console.WriteLine($"Market {saved.Market.Name} saved ({saved.Market.Base}/{saved.Market.Quote}).");
            return 0;
        });
        return new Command("market", "Manage markets") { set };
    }

    private static Command Payouts(Option<string> db)
    {
        var account = new Option<long?>("--account") { Description = "Only this account's payouts" };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first", DefaultValueFactory = _ => 100 };
        var command = new Command("payouts", "List money owed to outside addresses (refunds of orders paid on chain), newest first: the operator sends it") { account, limit };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetValue(limit) is < 1 or > 10_000)
            {
                Console.Error.WriteLine("--limit must be from 1 to 10000.");
                return 2;
            }

            using var ops = Operations.Open(result.GetValue(db)!);
            var payouts = await ops.Store.ListPayoutsAsync(new Core.Store.PayoutQuery { AccountId = result.GetValue(account), Limit = result.GetValue(limit) }, cancellationToken);
            if (payouts.Count == 0)
            {
                Console.WriteLine("No payouts.");
                return 0;
            }

            Console.WriteLine("id\tcreated_at\torder\taccount\tamount\tasset\taddress\treason");
            foreach (var p in payouts)
            {
                Console.WriteLine(string.Join('\t',
                    p.Id, p.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                    p.OrderId, p.AccountId, Core.Decimals.ToText(p.Amount), p.Asset, p.Address, p.Reason));
            }

            return 0;
        });
        return command;
    }

    /// <summary>A store and the administration over it, for one command.</summary>
    private sealed class Operations : IDisposable
    {
        private readonly Stores.OperatorStore _opened;

        private Operations(Stores.OperatorStore opened)
        {
            _opened = opened;
            Administration = new Administration(opened.Store, TimeProvider.System);
        }

        public Administration Administration { get; }

        public IOrderStore Store => _opened.Store;

        public static Operations Open(string database) => new(Stores.OpenForCommand(database));

        public void Dispose() => _opened.Dispose();
    }
}
