namespace QSan.Azure.Service;

/// <summary>One page of a list operation (REST spec: Paged…, with nextLink).</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Value">The items.</param>
/// <param name="NextLink">The next page's URL, if any.</param>
public sealed record PagedList<T>(IReadOnlyList<T>? Value, string? NextLink);
