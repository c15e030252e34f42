using BenchmarkDotNet.Attributes;
using DigitForge.Application.Common;
using DigitForge.Application.DataSources;
using DigitForge.Application.Sequences;
using DigitForge.Application.Sequences.GenerateSequence;
using DigitForge.Domain.Data;
using DigitForge.Domain.Filters;
using DigitForge.Domain.Imaging;
using DigitForge.Infrastructure.Encoding;
using Microsoft.Extensions.Options;

namespace DigitForge.Benchmarks;

/// <summary>
/// What <c>GET /sequence</c> does between query binding and the response body, without HTTP: parse the query text,
/// validate, the ETag when seeded, render through <see cref="GenerateSequenceHandler"/> and encode the PNG.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class SequenceHandlerBenchmarks
{
    private GenerateSequenceHandler _handler = null!;
    private GenerateSequenceValidator _validator = null!;

    [GlobalSetup]
    public void Setup()
    {
        var digits = new InMemoryDigitSource(SyntheticDigits.Create());
        var options = Options.Create(new SequenceOptions());
        _handler = new GenerateSequenceHandler(digits, FilterRegistry.CreateDefault(), options, new PooledEncoder());
        _validator = new GenerateSequenceValidator(digits, FilterRegistry.CreateDefault(), options);
    }

    [Benchmark(Description = "digits=498127 -> PNG")]
    public ValueTask<int> Plain() => Run(null, null, null);

    [Benchmark(Description = "digits=498127&filters=blur -> PNG")]
    public ValueTask<int> Blur() => Run(null, "blur", null);

    [Benchmark(Description = "digits=498127&spacing=0,10&filters=blur,distort&seed=7 -> PNG + ETag")]
    public ValueTask<int> SeededBlurDistort() => Run("0,10", "blur,distort", "7");

    private async ValueTask<int> Run(string? spacing, string? filters, string? seed)
    {
        // What the pipeline does per request: validate once, then the handler (content id when seeded, render, encode).
        var request = SequenceInputParser.Parse("498127", spacing, null, null, filters, seed, null);
        var errors = new List<ValidationError>();
        _validator.Validate(request, errors);
        using var result = await _handler.Handle(request, CancellationToken.None);
        return result.File!.Content.Length + (result.ContentId?.Length ?? 0);
    }

    private sealed class PooledEncoder : IImageFileEncoder
    {
        public IEncodedFile Encode(GrayImage image, ImageFileFormat format) => ImageFileEncoder.EncodePooled(image, format);
    }

    private sealed class InMemoryDigitSource(LabeledImages images) : IDigitSource
    {
        public IReadOnlyList<string> KnownSources { get; } = ["mnist"];

        public ValueTask<LabeledImages> GetAsync(string source, DataSplit split, CancellationToken cancellationToken = default) => ValueTask.FromResult(images);

        public IReadOnlyList<DataSourceStatus> Status() => [];
    }
}
