using System.Security.Cryptography;

using Ordo.Server.Auth;
using Ordo.Testing;

namespace Ordo.Server.Tests.Auth;

public sealed class SecretBoxTests
{
    private readonly SecretBox _box = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void A_sealed_secret_opens_only_for_its_own_credential_and_key()
    {
        var sealedSecret = _box.Seal("channel-secret", "tronify:tronLink");
        sealedSecret.ShouldNotContain("channel-secret");
        _box.Seal("channel-secret", "tronify:tronLink").ShouldNotBe(sealedSecret, "a fresh nonce each time");
        _box.Open(sealedSecret, "tronify:tronLink").ShouldBe("channel-secret");
        _box.Open(sealedSecret, "tronify:other").ShouldBeNull();
        new SecretBox(RandomNumberGenerator.GetBytes(32)).Open(sealedSecret, "tronify:tronLink").ShouldBeNull();
    }

    [Fact]
    public void Tampered_or_foreign_values_do_not_open()
    {
        var sealedSecret = _box.Seal("channel-secret", "b");
        var bytes = Convert.FromBase64String(sealedSecret[3..]);
        bytes[^1] ^= 1;
        _box.Open("v1:" + Convert.ToBase64String(bytes), "b").ShouldBeNull();
        _box.Open("plain text", "b").ShouldBeNull();
        _box.Open("v1:not base64!", "b").ShouldBeNull();
        _box.Open("v1:AAAA", "b").ShouldBeNull();
    }

    [Fact]
    public void Without_a_configured_key_one_key_file_beside_the_database_serves_every_process()
    {
        using var database = new ScratchDatabase();
        var first = SecretBox.ForDatabase(database.Path, null);
        var sealedSecret = first.Seal("s", "b");
        SecretBox.ForDatabase(database.Path, null).Open(sealedSecret, "b").ShouldBe("s", "the second opening reads the same key file");
        var file = database.Path + ".secrets-key";
        File.Exists(file).ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var configured = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        SecretBox.ForDatabase(database.Path, configured).Open(sealedSecret, "b").ShouldBeNull("a configured key wins over the file");
    }
}
