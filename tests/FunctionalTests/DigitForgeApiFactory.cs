using DigitForge.Infrastructure.Data;
using DigitForge.TestSupport;

namespace DigitForge.FunctionalTests;

/// <summary>
/// The real API in the in-process test host, on its own data directory holding small valid IDX files
/// (see <see cref="TestDataWriter"/>), with tight limits so that limit errors are cheap to provoke.
/// </summary>
public class DigitForgeApiFactory : DigitForgeHostFactory
{
    public DigitForgeApiFactory()
    {
        if (WithDigits)
        {
            TestDataWriter.WriteAsync(Path.Combine(DataDir, "mnist"), count: 200).GetAwaiter().GetResult();
        }
    }

    protected virtual bool WithDigits => true;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("DigitForge:Sequences:MaxDigits", "12"),
        new("DigitForge:Sequences:MaxWidth", "2000"),
    ];
}

/// <summary>The same host with an empty data directory.</summary>
public sealed class NoDataApiFactory : DigitForgeApiFactory
{
    protected override bool WithDigits => false;
}
