using System.Text;

using Microsoft.AspNetCore.Http;

using Ordo.Server.Http;

namespace Ordo.Server.Tests.Http;

/// <summary>A body is taken only as UTF-8 JSON whose every string decodes and whose fields are each given once.</summary>
public sealed class JsonBodyTests
{
    [Theory]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xFF, (byte)'"', (byte)'}' }, "body: must be UTF-8 text")]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xC3, (byte)'"', (byte)':', (byte)'1', (byte)'}' }, "body: must be UTF-8 text")]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xED, 0xA0, 0x80, (byte)'"', (byte)'}' }, "body: must be UTF-8 text")]
    public async Task Bytes_that_are_not_UTF8_are_refused_naming_the_body(byte[] body, string error) =>
        (await ReadAsync(body)).Error.ShouldBe(error);

    [Theory]
    [InlineData("""{"a":"\ud800"}""")]
    [InlineData("""{"a":["x","\udc00"]}""")]
    [InlineData("""{"\ud800":1}""")]
    [InlineData("""{"a":{"b":"x\ud83d"}}""")]
    public async Task An_escape_holding_half_a_surrogate_pair_is_refused_naming_the_body(string body) =>
        (await ReadAsync(Encoding.UTF8.GetBytes(body))).Error!.ShouldStartWith("body: a string holds an invalid \\u escape");

    [Theory]
    [InlineData("""{"a":1,"a":2}""", "a")]
    [InlineData("""{"a":{"b":1,"b":1}}""", "b")]
    [InlineData("""{"list":[{"c":1,"c":2}]}""", "c")]
    public async Task A_field_given_twice_is_refused_naming_it(string body, string field) =>
        (await ReadAsync(Encoding.UTF8.GetBytes(body))).Error.ShouldBe($"body: the field '{field}' is given twice");

    [Fact]
    public async Task A_long_name_given_twice_is_cut_in_the_message()
    {
        var name = new string('k', 100);
        var outcome = await ReadAsync(Encoding.UTF8.GetBytes($$"""{"{{name}}":1,"{{name}}":2}"""));
        outcome.Error.ShouldBe($"body: the field '{name[..64]}...' is given twice");
    }

    [Theory]
    [InlineData("""{"name":"héllo 🚀","emoji":"\ud83d\ude80","a":{"a":1},"b":[{"a":1},{"a":2}]}""")]
    [InlineData("""{"A":1,"a":2}""")]
    public async Task Non_ASCII_text_pairs_of_surrogates_and_the_same_name_in_other_objects_are_taken(string body)
    {
        var outcome = await ReadAsync(Encoding.UTF8.GetBytes(body));
        outcome.Error.ShouldBeNull();
        outcome.Root.ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Object);
    }

    private static Task<JsonBody.Outcome> ReadAsync(byte[] body)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(body);
        return JsonBody.ReadAsync(context.Request, emptyIsObject: false, CancellationToken.None);
    }
}
