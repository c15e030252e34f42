using DigitForge.Application.Common.Pipeline;
using DigitForge.Application.Corruptions;
using DigitForge.Application.DataSources.DownloadSource;
using DigitForge.Application.DataSources.ImportSource;
using DigitForge.Application.DataSources.WriteTestData;
using DigitForge.Application.Datasets;
using DigitForge.Application.Mnist1D;
using DigitForge.Application.Mnist1D.DrawMnist1DPlot;
using DigitForge.Application.Mnist1D.ExportMnist1D;
using DigitForge.Application.Mnist1D.GenerateMnist1D;
using DigitForge.Application.Mnist1D.PlotMnist1D;
using DigitForge.Application.Morphology;
using DigitForge.Application.Morphology.DescribeClusters;
using DigitForge.Application.Morphology.MeasureImageFiles;
using DigitForge.Application.Morphology.MeasureMorphometrics;
using DigitForge.Application.Morphology.PerturbDigit;
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
        builder.Services.AddSingleton<Mnist1DRules>();
        builder.Services.AddRequestValidator<ExportMnist1DRequest, ExportMnist1DValidator>();
        builder.Services.AddRequestValidator<DrawMnist1DPlotRequest, DrawMnist1DPlotValidator>();
        builder.AddTrackingUseCases();
        builder.AddDatasetUseCases();
        builder.AddCorruptionUseCases();
        builder.Services.AddSingleton<ClassifierDatasets>();
        builder.Services.AddSingleton<TrainClassifierHandler>();
        builder.Services.AddOptions<SpiralOptions>().Bind(builder.Configuration.GetSection(SpiralOptions.SectionName));
        builder.Services.AddSingleton<PlotSpiralsHandler>();
        builder.Services.AddRequestValidator<PlotSpiralsRequest, PlotSpiralsValidator>();
        builder.AddJobUseCases();
        builder.Services.AddRequestValidator<DownloadSourceRequest, DownloadSourceValidator>();
        builder.Services.AddRequestValidator<ImportSourceRequest, ImportSourceValidator>();
        builder.Services.AddRequestValidator<WriteTestDataRequest, WriteTestDataValidator>();
        builder.Services.AddOptions<DigitForge.Application.Experiments.Gasten.GastenOptions>().Bind(builder.Configuration.GetSection(DigitForge.Application.Experiments.Gasten.GastenOptions.SectionName));
        builder.Services.AddOptions<MorphometricsOptions>().Bind(builder.Configuration.GetSection(MorphometricsOptions.SectionName));
        builder.Services.AddSingleton<MeasureMorphometricsHandler>();
        builder.Services.AddRequestValidator<MeasureMorphometricsRequest, MeasureMorphometricsValidator>();
        builder.Services.AddRequestValidator<MeasureImageFilesRequest, MeasureImageFilesValidator>();
        builder.Services.AddRequestValidator<PerturbDigitRequest, PerturbDigitValidator>();
        builder.Services.AddSingleton<DescribeClustersHandler>();
        return builder;
    }
}
