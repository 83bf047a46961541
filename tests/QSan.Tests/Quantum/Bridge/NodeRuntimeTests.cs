using QSan.Quantum.Bridge;
using Xunit;

namespace QSan.Tests.Quantum.Bridge;

public sealed class NodeRuntimeTests
{
    [Theory]
    [InlineData("v20.11.1", 20)]
    [InlineData("v14.0.0", 14)]
    [InlineData("v18.0.0\n", 18)]
    [InlineData("22.3.0", 22)]
    public void ParseMajor_reads_the_major_version_of_node_version_output(string output, int major) =>
        Assert.Equal(major, NodeRuntime.ParseMajor(output.Trim()));

    [Theory]
    [InlineData("")]
    [InlineData("node: not a version")]
    [InlineData("vNext")]
    public void ParseMajor_rejects_output_that_is_not_a_version(string output) =>
        Assert.Null(NodeRuntime.ParseMajor(output));
}
