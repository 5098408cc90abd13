using Npgsql;

namespace Ordo.Store.Postgres.Tests;

/// <summary><c>--db postgres://...</c>: a libpq URL becomes the Npgsql connection string it means.</summary>
public sealed class PostgresConnectionTests
{
    [Fact]
    public void A_url_names_host_port_user_password_and_database()
    {
        var builder = Parse("postgres://ordo:s3cret@db.example.org:6543/orders");
        (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database)
            .ShouldBe(("db.example.org", 6543, "ordo", "s3cret", "orders"));
    }

    [Fact]
    public void The_postgresql_scheme_and_the_default_port_are_understood()
    {
        var builder = Parse("postgresql://ordo@localhost/ordo");
        (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database).ShouldBe(("localhost", 5432, "ordo", null, "ordo"));
    }

    [Fact]
    public void User_and_password_are_percent_decoded()
    {
        var builder = Parse("postgres://us%40er:p%40ss%3Aw%2Fo%25rd@127.0.0.1:5432/my%20db");
        (builder.Username, builder.Password, builder.Database).ShouldBe(("us@er", "p@ss:w/o%rd", "my db"));
    }

    [Fact]
    public void An_ipv6_host_loses_its_brackets()
    {
        Parse("postgres://u:p@[::1]:5433/d").Host.ShouldBe("::1");
    }

    [Theory]
    [InlineData("disable", SslMode.Disable)]
    [InlineData("prefer", SslMode.Prefer)]
    [InlineData("require", SslMode.Require)]
    [InlineData("verify-ca", SslMode.VerifyCA)]
    [InlineData("verify-full", SslMode.VerifyFull)]
    public void Sslmode_maps_to_npgsqls_ssl_mode(string sslmode, SslMode expected)
    {
        Parse($"postgres://u:p@h/d?sslmode={sslmode}").SslMode.ShouldBe(expected);
    }

    [Fact]
    public void Known_parameters_map_to_their_npgsql_keywords()
    {
        var builder = Parse("postgres://u:p@h/d?application_name=ordo%20node&connect_timeout=7&target_session_attrs=read-write");
        (builder.ApplicationName, builder.Timeout).ShouldBe(("ordo node", 7));
        builder.TargetSessionAttributes.ShouldBe("read-write");
    }

    [Theory]
    [InlineData("postgres://u:p@h/d?sslmode=sometimes", "sslmode")]
    [InlineData("postgres://u:p@h/d?fallback_application_name=x", "fallback_application_name")]
    [InlineData("postgres://u:p@h/d?connect_timeout=soon", "connect_timeout")]
    [InlineData("postgres:///d", "postgres://user:password@host")]
    public void A_bad_url_is_refused_naming_what_is_wrong(string url, string named)
    {
        Should.Throw<ArgumentException>(() => PostgresConnection.FromUrlOrConnectionString(url)).Message.ShouldContain(named);
    }

    [Fact]
    public void A_refused_url_never_echoes_its_password()
    {
        Should.Throw<ArgumentException>(() => PostgresConnection.FromUrlOrConnectionString("postgres://u:hunter2@h/d?nope=1"))
            .Message.ShouldNotContain("hunter2");
    }

    [Fact]
    public void A_connection_string_is_taken_as_it_is()
    {
        var builder = Parse("Host=10.0.0.5;Port=5544;Username=a;Password=b;Database=c;Search Path=s");
        (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database, builder.SearchPath)
            .ShouldBe(("10.0.0.5", 5544, "a", "b", "c", "s"));
    }

    [Fact]
    public void Something_that_is_neither_is_refused()
    {
        Should.Throw<ArgumentException>(() => PostgresConnection.FromUrlOrConnectionString("Hots=x;Prot=1"));
    }

    private static NpgsqlConnectionStringBuilder Parse(string text) => new(PostgresConnection.FromUrlOrConnectionString(text));
}
