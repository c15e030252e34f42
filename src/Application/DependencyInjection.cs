using DigitForge.Application.Common.Pipeline;
using DigitForge.Application.Corruptions;
using DigitForge.Application.Datasets;
using DigitForge.Application.Mnist1D;
using DigitForge.Application.Mnist1D.GenerateMnist1D;
using DigitForge.Application.Mnist1D.PlotMnist1D;
using DigitForge.Application.Morphology;
using DigitForge.Application.Morphology.DescribeClusters;
using DigitForge.Application.Morphology.MeasureMorphometrics;
using DigitForge.Application.Sequences;
using DigitForge.Application.Sequences.GenerateSequence;
using DigitForge.Application.Spirals;
using DigitForge.Application.Spirals.PlotSpirals;
using DigitForge.Application.Training.TrainClassifier;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.Hosting;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>Registers the use-case handlers and the registries every front end (API, UI, CLI) shares.</summary>
    public static IHostApplicationBuilder AddApplication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SequenceOptions>().Bind(builder.Configuration.GetSection(SequenceOptions.SectionName));
        builder.Services.AddImageFilters();
        builder.Services.AddUseCasePipeline();
        builder.Services.AddSingleton<GenerateSequenceHandler>();
        builder.Services.AddRequestValidator<GenerateSequenceRequest, GenerateSequenceValidator>();
        builder.Services.AddOptions<Mnist1DOptions>().Bind(builder.Configuration.GetSection(Mnist1DOptions.SectionName));
        builder.Services.AddSingleton<GenerateMnist1DHandler>();
        builder.Services.AddSingleton<PlotMnist1DHandler>();
        builder.AddTrackingUseCases();
        builder.AddDatasetUseCases();
        builder.AddCorruptionUseCases();
        builder.Services.AddSingleton<ClassifierDatasets>();
        builder.Services.AddSingleton<TrainClassifierHandler>();
        builder.Services.AddOptions<SpiralOptions>().Bind(builder.Configuration.GetSection(SpiralOptions.SectionName));
        builder.Services.AddSingleton<PlotSpiralsHandler>();
        builder.AddJobUseCases();
        builder.Services.AddOptions<MorphometricsOptions>().Bind(builder.Configuration.GetSection(MorphometricsOptions.SectionName));
        builder.Services.AddSingleton<MeasureMorphometricsHandler>();
        builder.Services.AddSingleton<DescribeClustersHandler>();
        return builder;
    }
}
