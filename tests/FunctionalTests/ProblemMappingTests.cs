using DigitForge.Api.Http;
using DigitForge.Application.Training;
using DigitForge.Domain.Errors;
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

    [Theory]
    [InlineData(ErrorCategory.InvalidInput, StatusCodes.Status400BadRequest)]
    [InlineData(ErrorCategory.NotFound, StatusCodes.Status404NotFound)]
    [InlineData(ErrorCategory.Conflict, StatusCodes.Status409Conflict)]
    [InlineData(ErrorCategory.TooLarge, StatusCodes.Status413PayloadTooLarge)]
    [InlineData(ErrorCategory.LimitReached, StatusCodes.Status429TooManyRequests)]
    [InlineData(ErrorCategory.Unavailable, StatusCodes.Status503ServiceUnavailable)]
    public void Each_error_category_has_one_status(ErrorCategory category, int status)
    {
        var problem = ProblemDetailsExceptionHandler.ToProblem(new CategorisedError(category));

        Assert.NotNull(problem);
        Assert.Equal(status, problem.Status);
        Assert.Equal("categorised", problem.Detail);
    }

    [Fact]
    public void Failures_stay_unmapped_so_they_are_logged_as_500s()
    {
        Assert.Null(ProblemDetailsExceptionHandler.ToProblem(new CategorisedError(ErrorCategory.Failed)));
    }

    [Fact]
    public void Other_engine_errors_stay_unmapped_so_they_are_logged_as_500s()
    {
        Assert.Null(ProblemDetailsExceptionHandler.ToProblem(new TrainingEngineException(EngineErrorKind.Internal, "boom")));
    }

    private sealed class CategorisedError(ErrorCategory category) : DigitForgeException(category, "categorised");
}
