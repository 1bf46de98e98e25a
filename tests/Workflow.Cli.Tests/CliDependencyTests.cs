using System.Xml.Linq;
using Workflow.Tests.Shared;

namespace Workflow.Cli.Tests;

/// <summary>
/// <c>wf</c> takes nothing of ours but the wire records: no model, no engine. What it needs of a definition it asks
/// the API for (the outline), so a change to the model cannot break an installed <c>wf</c>.
/// </summary>
public sealed class CliDependencyTests
{
    [Fact]
    public void The_project_references_only_the_contracts_project()
    {
        var project = XDocument.Load(Path.Combine(RepositoryFiles.Root, "src", "Workflow.Cli", "Workflow.Cli.csproj"));

        var references = project.Descendants("ProjectReference")
            .Select(r => Path.GetFileName(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();

        Assert.Equal(["Workflow.Contracts.csproj"], references);
    }

    [Fact]
    public void The_built_assembly_references_no_assembly_of_ours_but_the_contracts()
    {
        var ours = typeof(CliApp).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name.StartsWith("Workflow", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(["Workflow.Contracts"], ours);
    }
}
