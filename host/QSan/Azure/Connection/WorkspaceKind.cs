namespace QSan.Azure.Connection;

/// <summary>
/// The generation of a workspace, which decides its data-plane host (azure-quantum-python _constants.py WorkspaceKind and
/// ConnectionConstants.GET_QUANTUM_PRODUCTION_ENDPOINT(_v2)).
/// </summary>
public enum WorkspaceKind
{
    /// <summary>https://{region}.quantum.azure.com/.</summary>
    V1,

    /// <summary>https://{region}-v2.quantum.azure.com/.</summary>
    V2,
}
