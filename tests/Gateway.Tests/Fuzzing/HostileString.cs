using System.Globalization;
using System.Text;

namespace Orleans.Conversations.Gateway.Tests.Fuzzing;

/// <summary>
/// A JSON string literal built from hostile pieces, as raw UTF-8 bytes (so it can hold bytes that are not UTF-8 and
/// escapes of lone surrogates), with what a correct service must make of it.
/// </summary>
/// <param name="Json">The literal, quotes included.</param>
/// <param name="Text">The text it stands for, when it is valid text.</param>
/// <param name="Storable">Whether the contract says it is ordinary text: no U+0000, no unpaired surrogate, valid UTF-8.</param>
public sealed record HostileString(byte[] Json, string Text, bool Storable)
{
    private static readonly string[] Ordinary =
    [
        "hello", "my name is Zoë", "I like 🍵 and 👩🏽‍💻", "e\u0301\u0301\u0301", "שלום עולם", "مرحبا", "\u202Eevil\u202C",
        "tab\there", "line\nbreak", "\u0001\u001f\u007f", "\"quoted\" \\slashed\\", "I live in São Paulo", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\uFEFF\uFFFD",
        "remember that x", "what do you know about me?", "forget everything", "a", " ", "DROP TABLE eventstore.events;--",
    ];

    /// <summary>A string of 1 to 12 random pieces, some of them hostile.</summary>
    public static HostileString Next(Random random)
    {
        var json = new List<byte> { (byte)'"' };
        var text = new StringBuilder();
        var storable = true;
        var pieces = random.Next(1, 13);
        for (var i = 0; i < pieces; i++)
        {
            switch (random.Next(12))
            {
                case 0:
                    Add(json, text, new string(' ', random.Next(100, 6000)));
                    break;
                case 1:
                    Add(json, text, string.Concat(Enumerable.Repeat("my name is ", random.Next(50, 600))));
                    break;
                case 2:
                    json.AddRange("\\u0000"u8.ToArray());
                    storable = false;
                    break;
                case 3:
                    json.AddRange(Encoding.ASCII.GetBytes(random.Next(2) == 0 ? "\\ud800" : "\\udfff"));
                    storable = false;
                    break;
                case 4:
                    json.AddRange(random.Next(3) switch { 0 => [0xFF], 1 => [0xC3], _ => [0xC0, 0x80] });
                    storable = false;
                    break;
                case 5:
                    Add(json, text, ((char)random.Next(1, 32)).ToString());
                    break;
                case 6:
                    Add(json, text, new string((char)random.Next('a', 'z' + 1), random.Next(1000, 9000)));
                    break;
                default:
                    Add(json, text, Ordinary[random.Next(Ordinary.Length)]);
                    break;
            }
        }

        json.Add((byte)'"');
        return new HostileString([.. json], text.ToString(), storable);
    }

    /// <summary>A literal of ordinary text.</summary>
    public static HostileString Of(string text)
    {
        var json = new List<byte> { (byte)'"' };
        Add(json, new StringBuilder(), text);
        json.Add((byte)'"');
        return new HostileString([.. json], text, true);
    }

    private static void Add(List<byte> json, StringBuilder text, string value)
    {
        text.Append(value);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.Value is '"' or '\\')
                json.AddRange([(byte)'\\', (byte)rune.Value]);
            else if (rune.Value < 0x20)
                json.AddRange(Encoding.ASCII.GetBytes("\\u" + rune.Value.ToString("x4", CultureInfo.InvariantCulture)));
            else
                json.AddRange(utf8[..rune.EncodeToUtf8(utf8)].ToArray());
        }
    }
}
