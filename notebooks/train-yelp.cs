#:project ../host/QSan/QSan.csproj
#:property PublishAot=false
// (PublishAot=false: file-based apps default to native AOT, whose trimmed JSON cannot write the run folder's files.)
// QSANN on Yelp as a C# file-based app, with no notebook and no CLI: the paper's sizes and the `negation` recipe,
// trained with one line of progress per epoch; prints the test accuracy of the epoch selected on validation.
//   dotnet run notebooks/train-yelp.cs [DATA_DIR]
// DATA_DIR holds yelp_labelled.txt (e.g. ../shared/datasets); without it QSan reads $QSAN_DATA, else downloads the
// dataset from its canonical source into its cache, checked against its checksum.
using QSan.Experiments;
using QSan.Training;

var dataDirectory = args.Length > 0 ? args[0] : null;
var options = TrainingPresets.Paper("yelp", TrainingRecipes.Negation, dataDirectory);
using var run = await TrainingRun.TrainAsync(options, TrainingProgress.Lines(Console.Out));
var result = run.Result!;
Console.WriteLine($"test accuracy {result.TestAccuracy:P2} on {result.TestSentences} sentences (epoch {result.BestEpoch} of {result.EpochsRun})");
Console.WriteLine($"run folder: {run.Directory}");
