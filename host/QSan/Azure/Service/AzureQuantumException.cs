namespace QSan.Azure.Service;

/// <summary>Something went wrong talking to Azure Quantum; subclasses say what.</summary>
public class AzureQuantumException : QSanException
{
    /// <summary>Creates the exception.</summary>
    public AzureQuantumException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public AzureQuantumException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
