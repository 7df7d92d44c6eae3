using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IgfPlatform.Contracts.Proceedings;

namespace IgfPlatform.Domain.Tests.Proceedings;

/// <summary>
/// <see cref="CanonicalJson"/>: the JSON Canonicalization Scheme (RFC 8785) for records of integers, so that
/// anyone recomputes the bytes, and the SHA-256, of a published record with any RFC 8785 implementation.
/// </summary>
public sealed class CanonicalJsonTests
{
    private static string Canonical(string json) => Encoding.UTF8.GetString(CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(json)));

    /// <summary>The example of RFC 8785 §3.2.3, expected output as given there.</summary>
    [Fact]
    public void Members_are_sorted_by_utf16_code_units_as_in_the_rfc_example()
    {
        const string Input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;

        Assert.Equal(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\",\"\uFB33\":\"Hebrew Letter Dalet With Dagesh\"}",
            Canonical(Input));
    }

    [Fact]
    public void A_key_beyond_the_bmp_sorts_before_a_bmp_key_above_the_surrogates()
    {
        // U+1F30D is D83C DF0D in UTF-16, so it sorts before U+FF21 (which a sort by code points would put first).
        var json = Canonical("""{"\uFF21":1,"\uD83C\uDF0D":2,"\uE000":3,"z":4}""");

        Assert.Equal("{\"z\":4,\"\uD83C\uDF0D\":2,\"\uE000\":3,\"\uFF21\":1}", json);
    }

    [Fact]
    public void Nested_objects_are_sorted_and_arrays_keep_their_order()
    {
        Assert.Equal(
            """{"a":[3,1,2,{"x":null,"y":true}],"b":{"c":false,"d":[]},"e":{}}""",
            Canonical("""{"e":{},"b":{"d":[],"c":false},"a":[3,1,2,{"y":true,"x":null}]}"""));
    }

    [Fact]
    public void Strings_escape_only_what_json_requires_and_write_everything_else_as_is()
    {
        var value = "quote\" backslash\\ \b\f\n\r\t \u0000\u0001\u001f \u007f\u0080 <script>&amp;'/ é 中文 😀 \u2028\u2029";

        var json = Encoding.UTF8.GetString(CanonicalJson.Serialize(new { value }));

        Assert.Equal(
            "{\"value\":\"quote\\\" backslash\\\\ \\b\\f\\n\\r\\t \\u0000\\u0001\\u001f \u007f\u0080 <script>&amp;'/ é 中文 😀 \u2028\u2029\"}",
            json);
    }

    [Fact]
    public void Escapes_in_the_input_are_undone_unless_json_requires_them()
    {
        Assert.Equal(
            "[\"A/é中😀<>\",\"\\u001b\\n\"]",
            Canonical("""["\u0041\/\u00e9\u4E2D\uD83D\uDE00\u003c\u003E","\u001B\u000a"]"""));
    }

    [Fact]
    public void Text_is_utf8_without_a_byte_order_mark()
    {
        var bytes = CanonicalJson.Serialize(new { title = "Gouvernance de l'Internet — 互联网治理" });

        Assert.Equal((byte)'{', bytes[0]);
        Assert.Equal(Encoding.UTF8.GetBytes("{\"title\":\"Gouvernance de l'Internet — 互联网治理\"}"), bytes);
    }

    [Fact]
    public void There_is_no_whitespace_between_tokens()
    {
        Assert.Equal(
            """{"a b":"c d","n":[1,-2,{"k":"v"}]}""",
            Canonical("{\r\n\t\"n\" : [ 1 ,\n -2 , { \"k\" : \"v\" } ] ,\n \"a b\" :\t\"c d\"\n}\n"));
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("7", "7")]
    [InlineData("-120", "-120")]
    [InlineData("9007199254740992", "9007199254740992")]
    [InlineData("-9007199254740992", "-9007199254740992")]
    public void Integers_are_written_in_their_shortest_form(string number, string expected)
    {
        Assert.Equal($"[{expected}]", Canonical($"[{number}]"));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.25")]
    [InlineData("3.14159")]
    [InlineData("9007199254740993")]
    [InlineData("-9007199254740993")]
    [InlineData("9223372036854775807")]
    [InlineData("18446744073709551616")]
    [InlineData("1e400")]
    public void Fractions_and_integers_beyond_2_to_the_53_are_refused(string number)
    {
        Assert.Throws<FormatException>(() => CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes($$"""{"seconds":{{number}}}""")));
    }

    /// <summary>
    /// Regression (fixed; the text says what went wrong before): some invalid input is refused with an exception other than the <see cref="FormatException"/> or
    /// <see cref="JsonException"/> it throws otherwise. <c>CanonicalJson.Write</c> checks the range with
    /// <c>Math.Abs(number)</c>, which throws <see cref="OverflowException"/> for -9223372036854775808 (long.MinValue);
    /// a lone surrogate escape (<c>"\ud800"</c>, not I-JSON) fails in <c>JsonElement.GetString</c> with
    /// <see cref="InvalidOperationException"/>. <c>ArchiveVerifier.Check</c> (clients/IgfPlatform.Client) catches only
    /// JsonException, FormatException and ArgumentException, so such bytes crash a verification instead of being
    /// reported as "not a readable record".
    /// </summary>
    [Theory]
    [InlineData("[-9223372036854775808]")]
    [InlineData("{\"seconds\":-9223372036854775808}")]
    [InlineData("[\"\\ud800\"]")]
    [InlineData("{\"\\udc00\":1}")]
    public void Invalid_records_are_refused_as_unreadable_like_any_other(string json)
    {
        var ex = Record.Exception(() => CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(json)));

        Assert.True(ex is FormatException or JsonException, $"Refused with {ex?.GetType().Name ?? "nothing"}: {ex?.Message}");
    }

    [Theory]
    [InlineData("{\"a\":1,}")]
    [InlineData("[1 2]")]
    [InlineData("{'a':1}")]
    public void Text_that_is_not_json_is_refused(string json)
    {
        Assert.Throws<FormatException>(() => CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>
    /// Regression (fixed; the text says what went wrong before): <c>CanonicalJson.Canonicalize(ReadOnlySpan&lt;byte&gt;)</c> reads the first value with
    /// <c>JsonDocument.ParseValue</c> and never looks at what follows it, so <c>{"a":1} // note</c> or two documents
    /// one after the other are taken as valid JSON (the doc says it throws on invalid text).
    /// </summary>
    [Theory]
    [InlineData("{\"a\":1} // note")]
    [InlineData("{\"a\":1} {\"b\":2}")]
    [InlineData("[1] x")]
    public void Text_after_the_value_is_refused(string json)
    {
        Assert.Throws<FormatException>(() => CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>
    /// Regression (fixed; the text says what went wrong before): RFC 8785 applies to I-JSON (RFC 7493), where member names are unique; <c>CanonicalJson.Canonicalize</c>
    /// writes both members of <c>{"note":"a","note":"b"}</c>, so such bytes pass as canonical (they canonicalize to
    /// themselves) although parsers disagree on what they say (System.Text.Json keeps the last, others the first).
    /// </summary>
    [Fact]
    public void A_member_named_twice_is_refused()
    {
        Assert.ThrowsAny<Exception>(() => CanonicalJson.Canonicalize("""{"note":"Corrected the figures","note":"Nothing changed"}"""u8));
    }

    [Fact]
    public void Sha256_is_lower_case_hex_of_the_bytes()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", CanonicalJson.Sha256([]));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", CanonicalJson.Sha256("abc"u8));

        var bytes = CanonicalJson.Serialize(HeldSession.Build());
        Assert.Equal(Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(), CanonicalJson.Sha256(bytes));
        Assert.Matches("^[0-9a-f]{64}$", CanonicalJson.Sha256(bytes));
    }

    [Fact]
    public void A_record_serialized_twice_gives_the_same_bytes_which_are_already_canonical()
    {
        var record = new ProceedingsRecord(
            ProceedingsFormat.Current, "ws-interconnection-landlocked", 2, new string('a', 64), "2025-06-24T08:00:00Z",
            "Corrected the figures of the remote hubs", HeldSession.Build());

        var first = CanonicalJson.Serialize(record);
        var second = CanonicalJson.Serialize(record);

        Assert.Equal(first, second);
        Assert.Equal(first, CanonicalJson.Canonicalize(first));
        Assert.Equal(first, CanonicalJson.Canonicalize(JsonDocument.Parse(first).RootElement));
    }

    [Fact]
    public void A_record_read_back_from_its_bytes_gives_the_same_bytes()
    {
        var record = new ProceedingsRecord(ProceedingsFormat.Current, "ws-interconnection-landlocked", 1, null, "2025-06-23T12:00:00Z", null, HeldSession.Build());
        var bytes = CanonicalJson.Serialize(record);

        var read = JsonSerializer.Deserialize<ProceedingsRecord>(bytes, CanonicalJson.Options)!;

        Assert.Equal(bytes, CanonicalJson.Serialize(read));
        Assert.Equal((1, (string?)null, (string?)null), (read.Version, read.PreviousHash, read.Note));
    }

    [Fact]
    public void Records_are_written_with_camel_case_names_nulls_kept_and_map_keys_as_they_are()
    {
        var record = new ProceedingsRecord(ProceedingsFormat.Current, "s-1", 1, null, "2025-06-23T12:00:00Z", null, HeldSession.Build());

        var json = Encoding.UTF8.GetString(CanonicalJson.Serialize(record));

        Assert.StartsWith("""{"format":"igf-proceedings/2","note":null,"previousHash":null,"proceedings":{"agenda":[""", json, StringComparison.Ordinal);
        Assert.EndsWith(""","publishedAt":"2025-06-23T12:00:00Z","sessionId":"s-1","version":1}""", json, StringComparison.Ordinal);
        Assert.Contains("\"byGroup\":{\"civilSociety\":", json, StringComparison.Ordinal);
        Assert.Contains("\"titles\":{\"fr\":", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonicalizing_differently_written_json_of_the_same_value_gives_the_same_bytes()
    {
        var a = CanonicalJson.Canonicalize("""{"b":"\u00e9","a":[1,2]}"""u8);
        var b = CanonicalJson.Canonicalize("{ \"a\" : [ 1, 2 ], \"b\" : \"é\" }"u8);

        Assert.Equal(a, b);
        Assert.Equal(CanonicalJson.Sha256(a), CanonicalJson.Sha256(b));
    }
}
