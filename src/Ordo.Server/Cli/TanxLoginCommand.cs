using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

using Ordo.Server.Tanx;

namespace Ordo.Server.Cli;

/// <summary>
/// <c>ordo tanx-login --url --private-key</c>: what a tanX wallet does to log in (ask for a nonce,
/// <c>personal_sign</c> it, send the signature), for scripts and the demo. Prints the access token,
/// or with <c>--refresh</c> the refresh token as well.
/// </summary>
public static class TanxLoginCommand
{
    public static Command Build()
    {
        var url = new Option<string>("--url") { Description = "The server, e.g. http://127.0.0.1:8080", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var key = new Option<string>("--private-key") { Description = "The account's Ethereum private key (hex)", Required = true };
        var both = new Option<bool>("--refresh") { Description = "Print the refresh token too, on a second line" };
        var command = new Command("tanx-login", "Log in to the tanX dialect by signing a nonce; prints the access token") { url, key, both };
        command.SetAction(async (result, cancellationToken) =>
        {
            var hex = result.GetValue(key)!;
            hex = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex;
            if (hex.Length is 0 or > 64 || !hex.All(char.IsAsciiHexDigit))
            {
                Console.Error.WriteLine("--private-key must be up to 64 hex digits.");
                return 2;
            }

            var privateKey = hex.PadLeft(64, '0');
            var address = Ethereum.AddressOf(privateKey);
            using var http = new HttpClient { BaseAddress = new Uri(result.GetValue(url)!) };
            var nonce = await Send(http, "/sapi/v1/auth/nonce/", new TanxNonceRequest(address), TanxJsonContext.Default.TanxNonceRequest, cancellationToken);
            if (nonce?["payload"]?.GetValue<string>() is not { } message)
            {
                Console.Error.WriteLine($"No nonce: {nonce?.ToJsonString()}");
                return 1;
            }

            var login = await Send(
                http, "/sapi/v1/auth/login/", new TanxLoginRequest(address, Ethereum.PersonalSign(message, privateKey)), TanxJsonContext.Default.TanxLoginRequest, cancellationToken);
            if (login?["token"]?["access"]?.GetValue<string>() is not { } access)
            {
                Console.Error.WriteLine($"Login refused: {login?.ToJsonString()}");
                return 1;
            }

            Console.WriteLine(access);
            if (result.GetValue(both))
            {
                Console.WriteLine(login["token"]!["refresh"]!.GetValue<string>());
            }

            return 0;
        });
        return command;
    }

    private static async Task<JsonNode?> Send<T>(HttpClient http, string path, T body, JsonTypeInfo<T> json, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(path, body, json, cancellationToken);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }
}

/// <summary>The body of tanX's <c>auth/nonce/</c>: <c>{"eth_address"}</c>.</summary>
public sealed record TanxNonceRequest(string EthAddress);

/// <summary>The body of tanX's <c>auth/login/</c>: <c>{"eth_address", "user_signature"}</c>.</summary>
public sealed record TanxLoginRequest(string EthAddress, string UserSignature);
