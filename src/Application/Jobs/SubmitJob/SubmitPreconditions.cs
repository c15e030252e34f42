using DigitForge.Application.Common;
using DigitForge.Application.DataSources;
using DigitForge.Application.Datasets;
using DigitForge.Application.Datasets.Specs;
using DigitForge.Application.Experiments;
using DigitForge.Application.Experiments.Kinds;
using DigitForge.Application.Training;
using DigitForge.Domain.Datasets;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Jobs.SubmitJob;

/// <summary>
/// What a job needs from the machine, checked at submit so that a job that cannot succeed is refused with its cause
/// (400 naming the parameter, or 503) instead of being accepted and failing later:
/// <list type="bullet">
/// <item>every source split its dataset specs read (a sweep's: those of every point) is in the data directory (a classifier on a source without a test
/// split: 400 naming <c>parameters.&lt;dataset&gt;</c>; a source that is not there at all: 503 saying how to get it);</item>
/// <item>when jobs run on this machine (<see cref="JobOptions.RunJobs"/>), the training engine is installed (503) and
/// <c>device=cuda</c> has a CUDA device (400 naming <c>parameters.device</c>). An API that only queues leaves those to
/// the workers, which may have an engine or a GPU that it has not.</item>
/// </list>
/// </summary>
public sealed class SubmitPreconditions(
    ITrainer trainer, IOptions<JobOptions> options, DatasetSpecResolver resolver, SourceInventory inventory, IDigitSource digits)
{
    /// <summary>Throws <see cref="RequestValidationException"/>, <see cref="DataSourceUnavailableException"/> or <see cref="TrainingEngineUnavailableException"/>.</summary>
    public async Task CheckAsync(IJobKind kind, ParameterValues values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(values);
        foreach (string parameter in kind.DatasetParameters)
        {
            await CheckSourcesAsync(values.GetString(parameter), DatasetSpecError.ParameterField(parameter), cancellationToken);
        }

        if (kind is SweepKind sweep)
        {
            // Every point's dataset (the base's, or one a dataset.<name> axis varies), each distinct spec once.
            var specs = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (inner, innerValues) in sweep.InnerJobs(values))
            {
                foreach (string parameter in inner.DatasetParameters)
                {
                    if (specs.Add(innerValues.GetString(parameter)))
                    {
                        await CheckSourcesAsync(innerValues.GetString(parameter), DatasetSpecError.ParameterField(SweepKind.BaseParameter), cancellationToken);
                    }
                }
            }
        }

        if (options.Value.RunJobs)
        {
            // A sweep's device is in its base parameters.
            CheckEngine(kind.Device(values), DatasetSpecError.ParameterField(kind is SweepKind ? SweepKind.BaseParameter : RecipeParameters.Device));
        }
    }

    private void CheckEngine(TrainingDevice device, string deviceField)
    {
        EngineInfo info;
        try
        {
            info = trainer.Describe();
        }
        catch (TrainingEngineUnavailableException ex)
        {
            throw new TrainingEngineUnavailableException($"Not queued: this job trains a model and {FirstLower(ex.Message)}", ex);
        }

        if (device == TrainingDevice.Cuda && !info.CudaAvailable)
        {
            throw new RequestValidationException(
                deviceField,
                $"cuda was asked for, but the engine here (libtorch {info.TorchVersion}) sees no CUDA device: use auto or cpu, " +
                "or run the job on a GPU machine (scripts/gpu-check.sh builds the engine against a CUDA PyTorch).");
        }
    }

    private async Task CheckSourcesAsync(string specJson, string field, CancellationToken cancellationToken)
    {
        ResolvedDataset resolved;
        try
        {
            resolved = resolver.Resolve(specJson);
        }
        catch (RequestValidationException)
        {
            return; // the kind's own validation names the field; kinds whose dataset parameter may be blank skip it
        }

        var definition = resolved.Definition;
        // Splits of 0 rows read nothing ("splits": {"test": 0} is fine without test files).
        var needed = resolved.Generator.RequiredSources(definition with { Splits = [.. definition.Splits.Where(s => s.Rows > 0)] });
        foreach (SourceImagesKey key in needed.Distinct())
        {
            if (inventory.Count(key) is not null)
            {
                continue;
            }

            string missing;
            try
            {
                // The source's own message says how to get the data; it throws at once when the files are missing.
                await digits.GetAsync(key.Source, key.Test ? DataSplit.Test : DataSplit.Train, cancellationToken);
                continue;
            }
            catch (DataSourceUnavailableException ex)
            {
                // Nothing of the source at all: the data directory lacks it, a 503 like every dataset request gets.
                if (inventory.Count(key with { Test = !key.Test }) is null)
                {
                    throw;
                }

                missing = ex.Message;
            }

            string split = key.Test ? "test" : "train";
            throw new RequestValidationException(
                field,
                $"The dataset reads {key.Source}'s {split} images, and this data directory has only its {(key.Test ? "train" : "test")} split, " +
                $"so the job could not succeed. {missing} Or use a dataset spec without a {(key.Test ? "test" : "train")} split, " +
                "where the kind allows one.");
        }
    }

    private static string FirstLower(string message) =>
        message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..] : message;
}
