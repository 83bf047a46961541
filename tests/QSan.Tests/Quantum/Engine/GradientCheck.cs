using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;

namespace QSan.Tests.Quantum.Engine;

/// <summary>A VJP problem with random data, and its answer by central finite differences.</summary>
internal sealed record GradientCheck(BranchedCircuit Circuit, int Batch, double[] Inputs, double[] Weights, double[] Cotangents)
{
    public static GradientCheck Random(BranchedCircuit circuit, int batch, Random rng) => new(circuit, batch,
        RandomCircuits.Values(rng, batch * circuit.InputCount),
        RandomCircuits.Values(rng, circuit.WeightCount),
        RandomCircuits.Values(rng, batch * circuit.ObservableCount, 1));

    public (double[] Expectations, double[] Inputs, double[] Weights) Vjp(IDifferentiableEngine engine)
    {
        var expectations = new double[Batch * Circuit.ObservableCount];
        var inputGradients = new double[Inputs.Length];
        var weightGradients = new double[Weights.Length];
        engine.Vjp(Circuit, Batch, Inputs, Weights, Cotangents, expectations, inputGradients, weightGradients);
        return (expectations, inputGradients, weightGradients);
    }

    /// <summary>
    /// Central differences of Σ g·E. Rows are independent circuits, so one input slot is perturbed in every row at
    /// once and each row's own difference is its gradient.
    /// </summary>
    public (double[] Inputs, double[] Weights) FiniteDifferences(IQuantumEngine engine, double step = 1e-5)
    {
        var width = Circuit.ObservableCount;
        double[] RowObjectives(double[] inputs, double[] weights)
        {
            var e = new double[Batch * width];
            engine.Forward(Circuit, Batch, inputs, weights, e);
            return [.. Enumerable.Range(0, Batch).Select(r => Enumerable.Range(0, width).Sum(k => Cotangents[r * width + k] * e[r * width + k]))];
        }

        var inputGradients = new double[Inputs.Length];
        for (var s = 0; s < Circuit.InputCount; s++)
        {
            var plus = (double[])Inputs.Clone();
            var minus = (double[])Inputs.Clone();
            for (var r = 0; r < Batch; r++)
            {
                plus[r * Circuit.InputCount + s] += step;
                minus[r * Circuit.InputCount + s] -= step;
            }
            var (fp, fm) = (RowObjectives(plus, Weights), RowObjectives(minus, Weights));
            for (var r = 0; r < Batch; r++) inputGradients[r * Circuit.InputCount + s] = (fp[r] - fm[r]) / (2 * step);
        }

        var weightGradients = new double[Weights.Length];
        for (var s = 0; s < Weights.Length; s++)
        {
            var plus = (double[])Weights.Clone();
            var minus = (double[])Weights.Clone();
            plus[s] += step;
            minus[s] -= step;
            weightGradients[s] = (RowObjectives(Inputs, plus).Sum() - RowObjectives(Inputs, minus).Sum()) / (2 * step);
        }
        return (inputGradients, weightGradients);
    }
}
