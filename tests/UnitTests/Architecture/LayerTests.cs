using System.Reflection;
using NetArchTest.Rules;

namespace DigitForge.UnitTests.Architecture;

/// <summary>
/// The layer rules of docs/architecture.md, checked on the compiled IL (signatures and method bodies): Domain references
/// nothing of ours or of a framework; Application nothing outward; the front ends' endpoints, commands and components
/// reach use cases through Application only. The composition roots (Api's Program and service registration, the CLI's
/// CliHost, TrackingSession and DataBootstrap) are the only places that name Infrastructure.
/// </summary>
public sealed class LayerTests
{
    private static readonly Assembly DomainAssembly = typeof(DigitForge.Domain.Imaging.GrayImage).Assembly;
    private static readonly Assembly ApplicationAssembly = typeof(DigitForge.Application.Common.IPngCodec).Assembly;
    private static readonly Assembly InfrastructureAssembly = typeof(DigitForge.Infrastructure.Encoding.PngCodec).Assembly;
    private static readonly Assembly ApiAssembly = typeof(DigitForge.Api.Endpoints.SequenceApi).Assembly;
    private static readonly Assembly WebAssembly = typeof(DigitForge.Web.WebServiceCollectionExtensions).Assembly;
    private static readonly Assembly CliAssembly = Assembly.Load(new AssemblyName("digitforge"));

    /// <summary>
    /// Every public type of Infrastructure by full name: its DI extensions live in Microsoft.Extensions.Hosting, so a rule
    /// on the DigitForge.Infrastructure namespace alone would miss <c>AddInfrastructure()</c>.
    /// </summary>
    private static readonly string[] InfrastructureTypes =
        [.. InfrastructureAssembly.GetExportedTypes().Select(t => t.FullName!).Prepend("DigitForge.Infrastructure.")];

    [Fact]
    public void Domain_references_only_the_base_class_library()
    {
        var references = DomainAssembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.All(references, name => Assert.True(name is "System.Runtime" or "netstandard" or "mscorlib" || name.StartsWith("System.", StringComparison.Ordinal), $"Domain references {name}"));
        Assert.DoesNotContain(references, name => name.StartsWith("DigitForge.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal));
    }

    [Fact]
    public void Application_references_no_outer_layer()
    {
        var references = ApplicationAssembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("DigitForge.Domain", references);
        Assert.DoesNotContain(references, name => name is "DigitForge.Infrastructure" or "DigitForge.Api" or "DigitForge.Web" or "digitforge");
    }

    [Fact]
    public void Web_references_no_infrastructure()
    {
        Assert.DoesNotContain(WebAssembly.GetReferencedAssemblies(), a => a.Name == "DigitForge.Infrastructure");
    }

    [Fact]
    public void Api_endpoints_use_no_infrastructure_type()
    {
        var endpoints = Types.InAssembly(ApiAssembly).That().ResideInNamespace("DigitForge.Api.Endpoints");

        Assert.NotEmpty(endpoints.GetTypes());
        AssertNone(endpoints.ShouldNot().HaveDependencyOnAny(InfrastructureTypes).GetResult());
    }

    [Fact]
    public void Cli_commands_use_no_infrastructure_type()
    {
        var commands = Types.InAssembly(CliAssembly).That().ResideInNamespace("DigitForge.Cli.Commands");

        Assert.NotEmpty(commands.GetTypes());
        AssertNone(commands.ShouldNot().HaveDependencyOnAny(InfrastructureTypes).GetResult());
    }

    /// <summary>The rule bites: the CLI's composition root does name Infrastructure (<c>AddInfrastructure()</c>).</summary>
    [Fact]
    public void The_rule_finds_the_composition_roots_use_of_infrastructure()
    {
        var result = Types.InAssembly(CliAssembly).That().HaveNameStartingWith("CliHost").ShouldNot().HaveDependencyOnAny(InfrastructureTypes).GetResult();

        Assert.False(result.IsSuccessful);
    }

    private static void AssertNone(TestResult result) =>
        Assert.True(result.IsSuccessful, "Use Application types (a use case sent through ISender, a port) instead of Infrastructure in: " +
                                         string.Join(", ", result.FailingTypeNames ?? []));
}
