using System.Text.Json;
using QSan.Tests.Data;

namespace QSan.Tests.Cli;

/// <summary><c>bench noise</c> run for real on a tiny configuration (MC, two epochs, one seed, two strengths).</summary>
public sealed class BenchNoiseCommandTests
{
    [Fact]
    public void Bench_noise_with_json_prints_the_rows_and_seconds_and_writes_a_chart_per_dataset()
    {
        using var folder = new TemporaryDirectory();
        var bench = CliRunner.Run("bench", "noise", "--datasets", "mc", "--seeds", "1", "--epochs", "2", "--channels", "depolarizing,amplitude-damping",
            "--strengths", "0,0.1", "--train-strengths", "0.1", "--plot-dir", folder.Path, "--json", "--data-dir", SharedDatasets.Directory);
        Assert.True(bench.ExitCode == 0, bench.Error);
        using var json = JsonDocument.Parse(bench.Output);
        Assert.True(json.RootElement.GetProperty("seconds").GetDouble() > 0);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToArray();
        // Two channels at two strengths, trained noiselessly, and depolarizing 0.1 trained under it.
        Assert.Equal(5, rows.Length);
        foreach (var row in rows)
        {
            Assert.Equal("mc", row.GetProperty("dataset").GetString());
            Assert.InRange(row.GetProperty("testAccuracyMean").GetDouble(), 0.0, 1.0);
            Assert.Equal(0.0, row.GetProperty("testAccuracyStd").GetDouble());
        }
        Assert.Single(rows, r => r.GetProperty("trainedUnderNoise").GetBoolean() && r.GetProperty("strength").GetDouble() == 0.1);
        // Strength 0 is the noiseless model, the same for every channel.
        var clean = rows.Where(r => r.GetProperty("strength").GetDouble() == 0).Select(r => r.GetProperty("testAccuracyMean").GetDouble()).Distinct();
        Assert.Single(clean);
        Assert.True(File.Exists(Path.Combine(folder.Path, "bench-noise-mc.svg")));
    }

    [Fact]
    public void Bench_noise_refuses_an_unknown_channel_and_a_strength_above_one()
    {
        CliRunner.AssertFails(CliRunner.Run("bench", "noise", "--channels", "thermal"), "Unknown noise channel 'thermal'");
        CliRunner.AssertFails(CliRunner.Run("bench", "noise", "--strengths", "0,2"), "[0, 1]");
    }
}
