using System.Net;
using System.Net.Http.Json;

using Ordo.Server.Feee;
using Ordo.Server.Tests.Auth;
using Ordo.Server.Tanx;
using Ordo.Server.Tests.Tanx;
using Ordo.Server.Tronify;

namespace Ordo.Server.Tests.Native;

/// <summary>
/// <c>DELETE /v1/accounts/{id}/credentials/{credential_id}</c>: 204, again 204, someone else's or an
/// unknown one 404 <c>credential_not_found</c>; from the next request on, every dialect refuses the
/// credential in its own words, tanX tokens issued under it included.
/// </summary>
public sealed class CredentialRevocationTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync();
        await _server.MarketAsync();

        // Each credential below is served from the node's cache before it is revoked: the revocation must empty it.
        await CachedCredentials.ActiveAsync(_server.Services);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_revoked_native_key_gets_401_at_once_and_revoking_again_changes_nothing()
    {
        var tenant = await _server.TenantAsync();
        var other = await _server.TenantAsync();
        using var admin = _server.Admin();
        var credential = IdOf(tenant.AccountId, "native");
        (await tenant.Http.GetJsonAsync("/v1/orders")).Status.ShouldBe(HttpStatusCode.OK);

        var (wrongAccount, problem) = await admin.SendAsync(HttpMethod.Delete, $"/v1/accounts/{other.AccountId}/credentials/{credential}");
        wrongAccount.ShouldBe(HttpStatusCode.NotFound);
        problem["code"]!.GetValue<string>().ShouldBe("credential_not_found");
        (await admin.SendAsync(HttpMethod.Delete, $"/v1/accounts/{tenant.AccountId}/credentials/999999")).Body.WithoutRequestId()
            .ShouldBe(problem.WithoutRequestId(), "another account's credential is answered like a missing one");
        (await tenant.Http.GetJsonAsync("/v1/orders")).Status.ShouldBe(HttpStatusCode.OK, "a refused revoke revokes nothing");

        Cached(credential).ShouldBeTrue();
        (await Delete(admin, tenant.AccountId, credential)).ShouldBe(HttpStatusCode.NoContent);
        var (refused, unauthorized) = await tenant.Http.GetJsonAsync("/v1/orders");
        refused.ShouldBe(HttpStatusCode.Unauthorized);
        unauthorized["code"]!.GetValue<string>().ShouldBe("unauthorized");
        (await Delete(admin, tenant.AccountId, credential)).ShouldBe(HttpStatusCode.NoContent, "revoking twice is no error");
        (await other.Http.GetJsonAsync("/v1/orders")).Status.ShouldBe(HttpStatusCode.OK, "other keys keep working");
    }

    [Fact]
    public async Task Revoking_needs_the_admin_scope()
    {
        var tenant = await _server.TenantAsync();
        using var admin = _server.Admin();
        var credential = IdOf(tenant.AccountId, "native");
        (await Delete(tenant.Http, tenant.AccountId, credential)).ShouldBe(HttpStatusCode.Forbidden);
        (await tenant.Http.GetJsonAsync("/v1/orders")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_revoked_feee_key_gets_feees_invalid_key_answer()
    {
        var user = await _server.FeeeUserAsync();
        (await user.GetAsync("/open/v2/api/query"))["code"]!.GetValue<int>().ShouldBe(0);
        await RevokeAsync(user.AccountId, "feee");
        var refused = await user.GetAsync("/open/v2/api/query");
        refused["code"]!.GetValue<int>().ShouldBe(FeeeCodes.InvalidKey);
    }

    [Fact]
    public async Task A_revoked_tronify_channel_is_an_unknown_source_flag_and_its_flag_can_be_issued_again()
    {
        var channel = await _server.TronifyUserAsync();
        (await channel.RentAsync())["resCode"]!.GetValue<int>().ShouldBe(100);
        await RevokeAsync(channel.AccountId, "tronify");
        (await channel.RentAsync())["resCode"]!.GetValue<int>().ShouldBe(TronifyCodes.UnknownSourceFlag);

        using var admin = _server.Admin();
        var (status, fresh) = await admin.PostAsync($"/v1/accounts/{channel.AccountId}/credentials", $$"""{"dialect":"tronify","source_flag":"{{channel.SourceFlag}}"}""");
        status.ShouldBe(HttpStatusCode.Created, "a revoked credential frees its source flag");
        var renewed = channel with { Secret = fresh["secret"]!.GetValue<string>() };
        (await renewed.RentAsync())["resCode"]!.GetValue<int>().ShouldBe(100);
        (await channel.RentAsync())["resCode"]!.GetValue<int>().ShouldBe(TronifyCodes.FlagMismatch, "the old secret signs nothing");
    }

    [Fact]
    public async Task A_revoked_tanx_wallet_loses_its_tokens_its_refresh_and_its_login()
    {
        var user = await TanxUser.CreateAsync(_server);
        (await user.GetAsync("/sapi/v1/orders/")).Status.ShouldBe(HttpStatusCode.OK);
        await RevokeAsync(user.AccountId, "tanx");

        var (status, body) = await user.GetAsync("/sapi/v1/orders/");
        status.ShouldBe(HttpStatusCode.Unauthorized, "an access token issued before the revocation stops at once");
        body["message"]!.GetValue<string>().ShouldBe(TanxResult.InvalidTokenMessage);
        using var anonymous = _server.Client();
        (await TanxUser.Send(anonymous, HttpMethod.Post, "/sapi/v1/auth/token/refresh/", $$"""{"refresh":"{{user.Refresh}}"}""")).Status
            .ShouldBe(HttpStatusCode.Unauthorized);
        (await TanxUser.Send(anonymous, HttpMethod.Post, "/sapi/v1/auth/nonce/", $$"""{"eth_address":"{{user.Address}}"}""")).Status
            .ShouldBe(HttpStatusCode.Unauthorized, "no nonce for a revoked wallet");
    }

    [Fact]
    public async Task A_revoked_fungies_pair_and_xendbridge_key_get_401()
    {
        var id = await _server.AccountAsync(trx: 0m);
        using var admin = _server.Admin();
        var pair = await ServerFixture.Json(await admin.PostAsJsonAsync($"/v1/accounts/{id}/credentials", new { dialect = "fungies", access = "write" }));
        using var fungies = _server.Client();
        fungies.DefaultRequestHeaders.Add("x-fngs-public-key", pair["public_key"]!.GetValue<string>());
        (await fungies.GetAsync("/v0/orders/list")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var xend = await ServerFixture.Json(await admin.PostAsJsonAsync($"/v1/accounts/{id}/credentials", new { dialect = "xendbridge" }));
        using var xendClient = _server.Client();
        xendClient.DefaultRequestHeaders.Add("secretKey", xend["secret_key"]!.GetValue<string>());
        var pending = "/api/PeerToPeerOrder/ThirdParty/PendingOrder?emailAddress=a%40example.com";
        (await xendClient.GetAsync(pending)).StatusCode.ShouldNotBe(HttpStatusCode.Unauthorized);
        (await fungies.GetAsync("/v0/orders/list")).StatusCode.ShouldBe(HttpStatusCode.OK, "again, after the XendBridge key's issue emptied the cache");
        Cached(pair["id"]!.GetValue<long>()).ShouldBeTrue();
        Cached(xend["id"]!.GetValue<long>()).ShouldBeTrue();

        (await Delete(admin, id, pair["id"]!.GetValue<long>())).ShouldBe(HttpStatusCode.NoContent);
        (await Delete(admin, id, xend["id"]!.GetValue<long>())).ShouldBe(HttpStatusCode.NoContent);

        using var fungiesRefused = await fungies.GetAsync("/v0/orders/list");
        fungiesRefused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ServerFixture.Json(fungiesRefused))["status"]!.GetValue<string>().ShouldBe("error");
        using var xendRefused = await xendClient.GetAsync(pending);
        xendRefused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ServerFixture.Json(xendRefused))["status"]!.GetValue<string>().ShouldBe("Unauthorized");
    }

    [Theory]
    [InlineData(1L, "platform")]
    [InlineData(2L, "external")]
    public async Task System_accounts_take_no_credentials_and_no_deposits(long account, string name)
    {
        using var admin = _server.Admin();
        var (status, problem) = await admin.PostAsync($"/v1/accounts/{account}/credentials", """{"dialect":"native"}""");
        status.ShouldBe(HttpStatusCode.Conflict);
        problem["code"]!.GetValue<string>().ShouldBe("system_account");
        problem["detail"]!.GetValue<string>().ShouldBe($"account {account} ({name}) is a system account: it takes no credentials or deposits");
        (await admin.PostAsync($"/v1/accounts/{account}/credentials", $$"""{"dialect":"tanx","eth_address":"0x{{new string('1', 40)}}"}""")).Status
            .ShouldBe(HttpStatusCode.Conflict);

        var (deposit, refusal) = await admin.PostAsync($"/v1/accounts/{account}/deposits", """{"asset":"TRX","amount":"5","external_id":"sys-1"}""");
        deposit.ShouldBe(HttpStatusCode.Conflict);
        refusal["code"]!.GetValue<string>().ShouldBe("system_account");
        var ledger = await _server.SnapshotAsync();
        (await admin.PostAsync($"/v1/accounts/{account}/deposits", """{"asset":"TRX","amount":"5","external_id":"sys-2"}""")).Status.ShouldBe(HttpStatusCode.Conflict);
        (await _server.SnapshotAsync()).ShouldBe(ledger, "nothing is written");
    }

    private async Task RevokeAsync(long accountId, string dialect)
    {
        using var admin = _server.Admin();
        var id = IdOf(accountId, dialect);
        Cached(id).ShouldBeTrue("served from the cache before");
        (await Delete(admin, accountId, id)).ShouldBe(HttpStatusCode.NoContent);
    }

    private bool Cached(long credentialId) => CachedCredentials.Of(_server.Services).Holds(credentialId);

    /// <summary>The id of the account's live credential of the dialect, read from the database.</summary>
    private long IdOf(long accountId, string dialect) => DatabaseRows.Number(
        _server.DatabasePath,
        "SELECT id FROM credentials WHERE account_id = @a AND dialect = @d AND revoked_at IS NULL",
        ("a", accountId),
        ("d", dialect));

    private static async Task<HttpStatusCode> Delete(HttpClient http, long accountId, long credentialId)
    {
        using var response = await http.DeleteAsync($"/v1/accounts/{accountId}/credentials/{credentialId}");
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            (await response.Content.ReadAsStringAsync()).ShouldBeEmpty();
        }

        return response.StatusCode;
    }
}
