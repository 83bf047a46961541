using System.Xml.Linq;
using QSan.Data;
using QSan.Evaluation;
using QSan.Experiments;
using QSan.Model;
using QSan.Quantum.Engine;
using QSan.Tests.Data;
using QSan.Tests.Training;
using QSan.Training;

namespace QSan.Tests.Experiments;

/// <summary>The library API a program or notebook uses: train, reopen, predict, draw, evaluate.</summary>
public sealed class TrainingRunTests
{
    [Fact]
    public async Task A_trained_run_reopened_from_its_folder_predicts_and_scores_as_it_did()
    {
        using var folder = new TemporaryDirectory();
        var circuits = new TemplateCircuitSource();
        using var trained = await TrainingRun.TrainAsync(TrainingFixtures.Builtin(epochs: 3), null, folder.Path, circuits);
        var result = trained.Result!;
        Assert.Equal(3, trained.Curve.Count);
        Assert.True(File.Exists(Path.Combine(folder.Path, RunFolder.AttentionFileName)));

        using var reopened = await TrainingRun.OpenAsync(folder.Path, circuits);
        Assert.Equal(result, reopened.Result);
        string[] sentences = ["Alice prepares the tasty meal", "Bob runs useful software"];
        var before = trained.Predict(sentences);
        var after = reopened.Predict(sentences);
        Assert.Equal(before.Select(a => a.Probability), after.Select(a => a.Probability));
        Assert.All(after, a => Assert.InRange(a.Probability, 0, 1));

        var report = await ModelEvaluation.RunAsync(new EvaluationRequest(folder.Path, BackendChoice.Native, Split: "test"), circuits);
        Assert.Equal(result.TestAccuracy, Assert.Single(report!.Scores).Score.Accuracy);
        Assert.Equal("qsann on native", report.Model);
    }

    [Fact]
    public async Task A_trained_run_is_evaluated_from_the_run_object_on_another_backend()
    {
        using var folder = new TemporaryDirectory();
        var circuits = new TemplateCircuitSource();
        using var run = await TrainingRun.TrainAsync(TrainingFixtures.Builtin(epochs: 2), null, folder.Path, circuits);

        var exact = await run.EvaluateAsync(split: "test");
        Assert.Equal(run.Result!.TestAccuracy, Assert.Single(exact.Scores).Score.Accuracy);
        var folderReport = await ModelEvaluation.RunAsync(new EvaluationRequest(folder.Path, BackendChoice.Shots(200), Split: "test"), circuits);
        var shots = await run.EvaluateAsync(BackendChoice.Shots(200), "test");
        Assert.Equal(folderReport!.Scores, shots.Scores);
        Assert.Equal(folderReport.Model, shots.Model);

        using var csann = await TrainingRun.TrainAsync(TrainingFixtures.Builtin(epochs: 1, kind: ModelKind.Csann), null, Path.Combine(folder.Path, "csann"));
        Assert.Equal(3, (await csann.EvaluateAsync()).Scores.Count);
    }

    [Fact]
    public async Task Its_pictures_are_well_formed_SVG_with_a_panel_per_sentence_and_layer()
    {
        using var folder = new TemporaryDirectory();
        using var run = await TrainingRun.TrainAsync(TrainingFixtures.Builtin(epochs: 2), null, folder.Path, new TemplateCircuitSource());
        Assert.Equal("svg", XDocument.Parse(run.TrainingCurveSvg()).Root!.Name.LocalName);
        var attention = XDocument.Parse(run.AttentionSvg("Alice cooks", "Bob writes code"));
        Assert.Equal(2, attention.Root!.Elements(XName.Get("g", "http://www.w3.org/2000/svg")).Count());
    }

    [Fact]
    public async Task A_run_folder_that_already_holds_a_run_is_refused_naming_it()
    {
        using var folder = new TemporaryDirectory();
        var options = TrainingFixtures.Builtin(epochs: 1);
        using (await TrainingRun.TrainAsync(options, null, folder.Path, new TemplateCircuitSource())) { }
        var error = await Assert.ThrowsAsync<CheckpointException>(() => TrainingRun.CreateAsync(options, folder.Path, new TemplateCircuitSource()));
        Assert.Contains(folder.Path, error.Message);
    }

    [Fact]
    public void Presets_name_the_papers_sizes_per_dataset_and_user_files_get_four_qubits()
    {
        Assert.Equal(2, TrainingPresets.Paper(DataSpec.BuiltIn).Model.Qubits);
        Assert.Equal(4, TrainingPresets.Paper(DataSpec.Files("mine.tsv")).Model.Qubits);
        Assert.Equal(4, TrainingPresets.Paper("amazon").Model.Qubits);
        Assert.Throws<ArgumentException>(() => DataSpec.Named("nonsense"));
    }
}
