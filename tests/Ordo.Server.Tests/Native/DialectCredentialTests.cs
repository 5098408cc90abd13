using System.Net;

namespace Ordo.Server.Tests.Native;

/// <summary>Feee keys and Tronify channels issued through the admin API: shown once, stored hashed or sealed, flags unique.</summary>
public sealed class DialectCredentialTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_feee_key_is_shown_once_stored_hashed_and_works()
    {
        var id = await _server.AccountAsync(trx: 5m);
        using var admin = _server.Admin();
        var (status, credential) = await admin.PostAsync($"/v1/accounts/{id}/credentials", """{"dialect":"feee"}""");
        status.ShouldBe(HttpStatusCode.Created);
        credential["dialect"]!.GetValue<string>().ShouldBe("feee");
        var key = credential["key"]!.GetValue<string>();
        key.ShouldStartWith("ordo_feee_");
        credential["secret"].ShouldBeNull();
        StoredCredentials().ShouldNotContain(key);

        using var http = _server.Client();
        http.DefaultRequestHeaders.Add("key", key);
        var account = await new FeeeUser(id, key, http).GetAsync("/open/v2/api/query");
        account["data"]!["trx_money"]!.GetValue<decimal>().ShouldBe(5m);
    }

    [Fact]
    public async Task A_tronify_channel_needs_a_unique_source_flag_and_its_secret_is_stored_sealed()
    {
        var id = await _server.AccountAsync(trx: 5m);
        using var admin = _server.Admin();
        (await admin.PostAsync($"/v1/accounts/{id}/credentials", """{"dialect":"tronify"}""")).Body["errors"]!["source_flag"].ShouldNotBeNull();
        (await admin.PostAsync($"/v1/accounts/{id}/credentials", """{"dialect":"tronify","source_flag":"has space"}""")).Status.ShouldBe(HttpStatusCode.BadRequest);

        var (status, credential) = await admin.PostAsync($"/v1/accounts/{id}/credentials", """{"dialect":"tronify","source_flag":"partnerOne"}""");
        status.ShouldBe(HttpStatusCode.Created);
        credential["source_flag"]!.GetValue<string>().ShouldBe("partnerOne");
        var secret = credential["secret"]!.GetValue<string>();
        secret.Length.ShouldBe(64);
        credential["key"].ShouldBeNull();
        StoredCredentials().ShouldNotContain(secret, Case.Insensitive);

        var (taken, problem) = await admin.PostAsync($"/v1/accounts/{id}/credentials", """{"dialect":"tronify","source_flag":"partnerOne"}""");
        taken.ShouldBe(HttpStatusCode.Conflict);
        problem["code"]!.GetValue<string>().ShouldBe("source_flag_taken");

        var channel = new TronifyUser(id, "partnerOne", secret, _server.Client());
        (await channel.RentAsync())["resCode"]!.GetValue<int>().ShouldBe(100, "the sealed secret opens to check the flag");
    }

    /// <summary>Everything the credentials table holds, as text.</summary>
    private string StoredCredentials()
    {
        var rows = DatabaseRows.TextsAsync(
            _server.DatabasePath,
            "SELECT lookup_key || '|' || coalesce(secret_hash, '') || '|' || coalesce(sealed_secret, '') FROM credentials").GetAwaiter().GetResult();
        rows.ShouldNotBeEmpty();
        return string.Join("\n", rows);
    }
}
