using Workflow.Cli.Tests.Support;

namespace Workflow.Cli.Tests.EndToEnd;

/// <summary>The end-to-end classes share one real host, started once; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "real host";
}
