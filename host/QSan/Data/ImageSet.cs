namespace QSan.Data;

/// <summary>
/// Grey-level images of one size with class labels: pixel values in [0, 1], image after image, each row-major.
/// </summary>
/// <param name="Width">Pixels per row.</param>
/// <param name="Height">Rows per image.</param>
/// <param name="Pixels">Count × Height × Width values in [0, 1].</param>
/// <param name="Labels">One class per image, 0 … ClassCount − 1.</param>
/// <param name="ClassCount">Number of classes.</param>
public sealed record ImageSet(int Width, int Height, double[] Pixels, int[] Labels, int ClassCount)
{
    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Values per image (Width × Height).</summary>
    public int PixelCount => Width * Height;

    /// <summary>Image <paramref name="index"/>'s pixels.</summary>
    public ReadOnlySpan<double> Image(int index) => Pixels.AsSpan(index * PixelCount, PixelCount);

    /// <summary>The images at <paramref name="indices"/>, in that order.</summary>
    public ImageSet Select(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var size = PixelCount;
        var pixels = new double[indices.Count * size];
        var labels = new int[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            Image(indices[i]).CopyTo(pixels.AsSpan(i * size, size));
            labels[i] = Labels[indices[i]];
        }
        return this with { Pixels = pixels, Labels = labels };
    }

    /// <summary>The first <paramref name="count"/> images (all of them when there are fewer).</summary>
    public ImageSet Take(int count) => Select(Enumerable.Range(0, Math.Min(Math.Max(count, 0), Count)).ToArray());

    /// <summary>
    /// A fixed stratified subset of <paramref name="count"/> images (all of them when there are fewer): each class gets its
    /// share of the count (largest remainders break ties, lower classes first) and gives images evenly spaced through its
    /// own, in file order. No random numbers, so every run and seed trains on the same images.
    /// </summary>
    public ImageSet StratifiedSubset(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (count >= Count) return this;
        var members = new List<int>[ClassCount];
        for (var c = 0; c < ClassCount; c++) members[c] = [];
        for (var i = 0; i < Count; i++) members[Labels[i]].Add(i);
        var quota = new int[ClassCount];
        var exact = members.Select(m => (double)count * m.Count / Count).ToArray();
        for (var c = 0; c < ClassCount; c++) quota[c] = (int)Math.Floor(exact[c]);
        foreach (var c in Enumerable.Range(0, ClassCount).OrderByDescending(c => exact[c] - quota[c]).ThenBy(c => c).Take(count - quota.Sum()))
            quota[c]++;
        var chosen = new List<int>(count);
        for (var c = 0; c < ClassCount; c++)
            for (var i = 0; i < quota[c]; i++) chosen.Add(members[c][(int)((long)i * members[c].Count / quota[c])]);
        chosen.Sort();
        return Select(chosen);
    }

    /// <summary>
    /// A deterministic stratified split: within each class, every <paramref name="every"/>-th image (in file order) goes
    /// to the second set.
    /// </summary>
    public (ImageSet First, ImageSet Second) SplitEvery(int every)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 2);
        var seen = new int[ClassCount];
        var first = new List<int>();
        var second = new List<int>();
        for (var i = 0; i < Count; i++)
            (++seen[Labels[i]] % every == 0 ? second : first).Add(i);
        return (Select(first), Select(second));
    }
}

/// <summary>An image dataset: training and test images and where they came from.</summary>
/// <param name="Name">mnist, mnist-full, fashion-mnist, digits, or the folder's name.</param>
/// <param name="Train">The training images.</param>
/// <param name="Test">The test images (Fréchet distances are measured against these).</param>
/// <param name="Origin">Where the files were read from, for headers.</param>
public sealed record ImageDataset(string Name, ImageSet Train, ImageSet Test, string Origin);
