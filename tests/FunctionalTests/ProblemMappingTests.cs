using DigitForge.Api.Http;
using DigitForge.Application.Training;
using Microsoft.AspNetCore.Http;

namespace DigitForge.FunctionalTests;

/// <summary>
/// Mappings whose trigger a test host cannot produce: the engine library is loaded once per process, so a host in this
/// process cannot find it missing (the CLI's missing-library test runs its own process).
/// </summary>
public sealed class ProblemMappingTests
{
    [Fact]
    public void A_missing_training_engine_is_a_503_saying_how_to_build_it()
    {
        var problem = ProblemDetailsExceptionHandler.ToProblem(new TrainingEngineUnavailableException());

        Assert.NotNull(problem);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem.Status);
        Assert.Equal("The training engine is not installed.", problem.Title);
        Assert.Contains("scripts/build-native.sh", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_engine_errors_stay_unmapped_so_they_are_logged_as_500s()
    {
        Assert.Null(ProblemDetailsExceptionHandler.ToProblem(new TrainingEngineException(EngineErrorKind.Internal, "boom")));
    }
}
