using DigitForge.Domain.Datasets.Generators;

namespace DigitForge.Application.Experiments.Compositional;

/// <summary>
/// Sizes and schedules of one compositional-robustness run. <c>paper</c> is the reference's setting (specs B.6: full
/// DTN, every train and test image, 200 epochs, SGD lr 1e-2 momentum 0.9 wd 5e-4, cosine, batch 256; modules 1e-2):
/// for a GPU. <c>cpu</c> keeps every method and all 167 compositions but shrinks the network (width 1/4), the images
/// (2,000 train images per elemental, 300 test images per composition) and the epochs, so it finishes in minutes on
/// a few cores. <c>smoke</c> runs everything on 16 train and 2 test images in seconds: a check that it works, not a result.
/// FaceScrub's rows are 38 times MNIST's (100x100x3), so the CPU presets take fewer of its images (<see cref="FaceTrainImages"/>);
/// CIFAR-10's ResNet-18 step costs about 3.3 times the DTN's at the cpu width (bench/README.md), so they take fewer
/// CIFAR images too (<see cref="CifarTrainImages"/>).
/// <c>paper</c> needs a CUDA device: it is refused at submit where the engine sees none (<see cref="RequiresCuda"/>).
/// </summary>
/// <param name="TrainImages">Source train images (each under all 7 elementals); 0 = all the data directory has.</param>
/// <param name="TestImages">Source test images (each under all 167 compositions); 0 = all.</param>
/// <param name="BackboneEpochs">AutoModules' identity-only backbone. The cpu preset gives it 7 times the monolithic
/// models' epochs, i.e. as many SGD steps (they see 7 times the rows per epoch); after the reference's 200 epochs both
/// have converged, after 4 the backbone alone would not have.</param>
/// <param name="TrialEpochs">AutoModules' level choice: epochs per candidate level (the reference: 5).</param>
/// <param name="AllLevels">AutoModules tries a module after every conv block of the backbone (the reference); else only after the first and the last.</param>
/// <param name="FaceTrainImages">FaceScrub's train images (0 = all).</param>
/// <param name="FaceTestImages">FaceScrub's test images (0 = all).</param>
/// <param name="CifarTrainImages">CIFAR-10's train images (0 = all).</param>
/// <param name="CifarTestImages">CIFAR-10's test images (0 = all).</param>
public sealed record CompositionalPreset(
    string Name,
    double Width,
    int TrainImages,
    int TestImages,
    int Epochs,
    int BackboneEpochs,
    int ModuleEpochs,
    int TrialEpochs,
    bool AllLevels,
    int AutoencoderEpochs,
    double LearningRate,
    double ModuleLearningRate,
    int Batch,
    int FaceTrainImages,
    int FaceTestImages,
    int CifarTrainImages,
    int CifarTestImages)
{
    public const string Paper = "paper";
    public const string Cpu = "cpu";
    public const string Smoke = "smoke";

    public static IReadOnlyList<CompositionalPreset> All { get; } =
    [
        new(Paper, 1.0, 0, 0, 200, 200, 200, 5, true, 200, 1e-2, 1e-2, 256, 0, 0, 0, 0),
        new(Cpu, 0.25, 2000, 300, 4, 28, 2, 2, false, 3, 1e-2, 1e-2, 128, 400, 20, 1000, 100),
        new(Smoke, 1.0 / 16, 16, 2, 1, 1, 1, 2, false, 1, 1e-2, 1e-2, 32, 8, 1, 16, 2),
    ];

    /// <summary>The reference's full-size training: refused at submit without a CUDA device.</summary>
    public bool RequiresCuda => Name == Paper;

    /// <summary>Source images to train on (0 = all): FaceScrub's and CIFAR-10's own caps on the CPU presets.</summary>
    public int TrainImagesOf(string source) => source switch
    {
        CorruptionSource.FaceScrub => FaceTrainImages,
        CorruptionSource.Cifar10 => CifarTrainImages,
        _ => TrainImages,
    };

    public int TestImagesOf(string source) => source switch
    {
        CorruptionSource.FaceScrub => FaceTestImages,
        CorruptionSource.Cifar10 => CifarTestImages,
        _ => TestImages,
    };

    /// <summary>
    /// CrossEntropy's and Contrastive's learning rate and contrastive weight for a source (spec B.6: lr 1e-2 for EMNIST,
    /// 1e-1 for CIFAR and FaceScrub; weight 0.1, 0.01 for FaceScrub).
    /// </summary>
    public (double LearningRate, double ContrastiveWeight) MonolithicOf(string source) =>
        source switch
        {
            CorruptionSource.FaceScrub => (1e-1, 0.01),
            CorruptionSource.Cifar10 => (1e-1, 0.1),
            _ => (LearningRate, 0.1),
        };

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(p => p.Name)];

    public static CompositionalPreset Get(string name) => All.First(p => p.Name == name);
}
