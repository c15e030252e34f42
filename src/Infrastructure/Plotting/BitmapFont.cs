namespace DigitForge.Infrastructure.Plotting;

/// <summary>
/// A 5x7 pixel font for plot titles in PNGs (we draw text ourselves rather than depend on an imaging library). It has
/// the characters titles use (digits, <c>label=</c>, a few more); anything else is drawn as a hollow box so a missing
/// glyph is visible rather than silently dropped.
/// </summary>
internal static class BitmapFont
{
    public const int GlyphWidth = 5;
    public const int GlyphHeight = 7;

    /// <summary>Blank columns between characters, in font pixels.</summary>
    public const int Spacing = 1;

    private static readonly string[] Missing = ["#####", "#...#", "#...#", "#...#", "#...#", "#...#", "#####"];

    private static readonly Dictionary<char, string[]> Glyphs = new()
    {
        ['0'] = [".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."],
        ['1'] = ["..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."],
        ['2'] = [".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"],
        ['3'] = ["#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."],
        ['4'] = ["...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."],
        ['5'] = ["#####", "#....", "####.", "....#", "....#", "#...#", ".###."],
        ['6'] = ["..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."],
        ['7'] = ["#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."],
        ['8'] = [".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."],
        ['9'] = [".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."],
        ['a'] = [".....", ".....", ".###.", "....#", ".####", "#...#", ".####"],
        ['b'] = ["#....", "#....", "#.##.", "##..#", "#...#", "#...#", "####."],
        ['c'] = [".....", ".....", ".###.", "#....", "#....", "#...#", ".###."],
        ['e'] = [".....", ".....", ".###.", "#...#", "#####", "#....", ".###."],
        ['l'] = [".##..", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."],
        ['r'] = [".....", ".....", "#.##.", "##..#", "#....", "#....", "#...."],
        ['s'] = [".....", ".....", ".####", "#....", ".###.", "....#", "####."],
        ['t'] = [".#...", ".#...", "###..", ".#...", ".#...", ".#..#", "..##."],
        ['u'] = [".....", ".....", "#...#", "#...#", "#...#", "#..##", ".##.#"],
        ['x'] = [".....", ".....", "#...#", ".#.#.", "..#..", ".#.#.", "#...#"],
        ['y'] = [".....", ".....", "#...#", "#...#", ".####", "....#", ".###."],
        ['='] = [".....", ".....", "#####", ".....", "#####", ".....", "....."],
        ['-'] = [".....", ".....", ".....", "#####", ".....", ".....", "....."],
        ['.'] = [".....", ".....", ".....", ".....", ".....", ".##..", ".##.."],
        [' '] = [".....", ".....", ".....", ".....", ".....", ".....", "....."],
    };

    public static bool Has(char c) => Glyphs.ContainsKey(c);

    /// <summary>Width in font pixels of <paramref name="text"/> on one line.</summary>
    public static int Measure(string text) =>
        string.IsNullOrEmpty(text) ? 0 : (text.Length * (GlyphWidth + Spacing)) - Spacing;

    /// <summary>Whether font pixel (column, row) of character <paramref name="c"/> is ink.</summary>
    public static bool IsInk(char c, int column, int row) =>
        (Glyphs.TryGetValue(c, out var glyph) ? glyph : Missing)[row][column] == '#';
}
