using DigitForge.TestSupport;

namespace DigitForge.UnitTests.Docs;

/// <summary>
/// Every ``` fence in README.md and docs/*.md closes before the next one opens: one left open swaps prose and code for
/// the rest of the page when GitHub renders it (README's "## Datasets" once did).
/// </summary>
public sealed class MarkdownFenceTests
{
    public static TheoryData<string> Documents()
    {
        string readme = PythonReference.FindRepositoryFile("README.md");
        string docs = Path.Combine(Path.GetDirectoryName(readme)!, "docs");
        var data = new TheoryData<string> { "README.md" };
        foreach (string file in Directory.EnumerateFiles(docs, "*.md").Order(StringComparer.Ordinal))
        {
            data.Add($"docs/{Path.GetFileName(file)}");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_code_fence_closes(string document)
    {
        int? open = UnclosedFenceLine(File.ReadAllLines(PythonReference.FindRepositoryFile(document)));

        Assert.True(open is null, $"{document}: the code fence opened on line {open} never closes.");
    }

    [Fact]
    public void An_unclosed_fence_is_found_and_a_longer_or_indented_close_counts()
    {
        Assert.Equal(2, UnclosedFenceLine(["text", "```bash", "echo", "## Heading"]));
        Assert.Null(UnclosedFenceLine(["````md", "```", "````", "  ```", "x", "  ```"]));
        Assert.Equal(1, UnclosedFenceLine(["```", "``` not a close", "end"]));
        Assert.Equal(2, UnclosedFenceLine(["x", "```bash", "a", "## Next", "```bash", "b", "```"]));
    }

    /// <summary>The 1-based line of a fence that never closes, or null.</summary>
    private static int? UnclosedFenceLine(string[] lines)
    {
        int? open = null;
        string fence = string.Empty;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (open is null)
            {
                if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal))
                {
                    fence = new string(line[0], line.TakeWhile(c => c == line[0]).Count());
                    open = i + 1;
                }
            }
            else if (line.Length >= fence.Length && line.All(c => c == fence[0]))
            {
                // CommonMark: a close is the same character, at least as many, and nothing else on the line.
                open = null;
            }
            else if (line.StartsWith(fence, StringComparison.Ordinal) && char.IsLetter(line[fence.Length..].FirstOrDefault()))
            {
                // An opening fence with a language inside a block: CommonMark reads it as code, but it is the next
                // block's opening, so the block before it was never closed (and everything after renders swapped).
                return open;
            }
        }

        return open;
    }
}
