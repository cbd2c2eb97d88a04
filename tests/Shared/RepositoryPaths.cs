namespace Maabar.Tests;

/// <summary>
/// The repository root (the folder holding Maabar.slnx) and the data sets of ../shared/data beside it.
/// Linked into the test projects that need them.
/// </summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The path of a file of ../shared/data; fails clearly when the data set is missing.</summary>
    public static string SharedData(string relative)
    {
        string path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", relative));
        return File.Exists(path) ? path : throw new FileNotFoundException("Shared data set missing: it lives beside the repository in ../shared/data.", path);
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Maabar.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Maabar.slnx not found above " + AppContext.BaseDirectory);
    }
}
