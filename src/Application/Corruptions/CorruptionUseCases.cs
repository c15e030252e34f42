using DigitForge.Application.Common.Pipeline;
using DigitForge.Application.Corruptions.ExportMnistC;
using DigitForge.Application.Corruptions.GetCompositions;
using DigitForge.Application.Corruptions.ListCorruptions;
using DigitForge.Application.Corruptions.PreviewCorruption;
using DigitForge.Domain.Corruptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DigitForge.Application.Corruptions;

public static class CorruptionUseCases
{
    /// <summary>The corruption registry and the corruption/composition use cases.</summary>
    public static IHostApplicationBuilder AddCorruptionUseCases(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCorruptions();
        builder.Services.AddSingleton<ListCorruptionsHandler>();
        builder.Services.AddRequestValidator<PreviewCorruptionRequest, PreviewCorruptionValidator>();
        builder.Services.AddSingleton<GetCompositionsHandler>();
        builder.Services.AddRequestValidator<ExportMnistCRequest, ExportMnistCValidator>();
        return builder;
    }
}
