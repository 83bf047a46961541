// The MSBuild task is compiled against netstandard 2.0, which lacks this marker type that C# records need.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit { }
