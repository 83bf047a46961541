namespace QSan.Autograd;

/// <summary>
/// A container of named parameters and sub-modules (after <c>torch.nn.Module</c>). Parameter names are
/// dotted paths such as <c>"head.weight"</c>, in registration order.
/// </summary>
public abstract class Module
{
    private readonly List<(string Name, Tensor Parameter)> parameters = [];
    private readonly List<(string Name, Module Child)> children = [];

    /// <summary>Every parameter of this module and its sub-modules, depth first in registration order, with dotted names.</summary>
    public IEnumerable<(string Name, Tensor Parameter)> NamedParameters()
    {
        foreach (var p in parameters) yield return p;
        foreach (var (prefix, child) in children)
            foreach (var (name, parameter) in child.NamedParameters())
                yield return (prefix + "." + name, parameter);
    }

    /// <summary>Every parameter, in the order of <see cref="NamedParameters"/>.</summary>
    public IEnumerable<Tensor> Parameters()
    {
        foreach (var (_, p) in NamedParameters()) yield return p;
    }

    /// <summary>The total number of trainable values.</summary>
    public int ParameterCount()
    {
        var count = 0;
        foreach (var p in Parameters()) count += p.Count;
        return count;
    }

    /// <summary>Zero-fills the gradients of all parameters.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.ZeroGrad();
    }

    /// <summary>A copy of every parameter's values keyed by name (for checkpoints).</summary>
    public Dictionary<string, double[]> StateDict()
    {
        var state = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (name, p) in NamedParameters()) state[name] = (double[])p.Data.Clone();
        return state;
    }

    /// <summary>
    /// Copies values into the parameters by name. Every parameter must be present with the right length and
    /// no unknown names may appear, so a checkpoint of a different architecture is rejected rather than half-loaded.
    /// </summary>
    public void LoadStateDict(IReadOnlyDictionary<string, double[]> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var named = NamedParameters().ToList();
        foreach (var (name, p) in named)
        {
            if (!state.TryGetValue(name, out var values))
                throw new ArgumentException($"State has no values for parameter '{name}'.");
            if (values.Length != p.Count)
                throw new ArgumentException($"State has {values.Length} values for parameter '{name}', which has {p.Count} ({ShapeUtil.Format(p.Shape)}).");
        }
        var known = new HashSet<string>(named.Select(n => n.Name), StringComparer.Ordinal);
        foreach (var name in state.Keys)
            if (!known.Contains(name)) throw new ArgumentException($"State has values for '{name}', which is not a parameter of this module.");
        foreach (var (name, p) in named) state[name].CopyTo(p.Data, 0);
    }

    /// <summary>Registers <paramref name="parameter"/> under <paramref name="name"/>, marks it as requiring gradients and names it.</summary>
    protected Tensor RegisterParameter(string name, Tensor parameter)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(parameter);
        parameter.RequiresGrad = true;
        parameter.Name ??= name;
        parameters.Add((name, parameter));
        return parameter;
    }

    /// <summary>Registers a sub-module; its parameters appear as <c>name.parameter</c>.</summary>
    protected T RegisterModule<T>(string name, T module)
        where T : Module
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(module);
        if (ReferenceEquals(module, this)) throw new ArgumentException("A module cannot contain itself.");
        children.Add((name, module));
        return module;
    }

    private void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('.'))
            throw new ArgumentException($"Invalid name '{name}': use a non-empty name without dots.");
        foreach (var p in parameters)
            if (p.Name == name) throw new ArgumentException($"Name '{name}' is already registered.");
        foreach (var c in children)
            if (c.Name == name) throw new ArgumentException($"Name '{name}' is already registered.");
    }
}
