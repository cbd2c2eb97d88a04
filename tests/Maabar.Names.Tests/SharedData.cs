namespace Maabar.Names.Tests;

/// <summary>The data sets of ../shared/data, found from the repository root (the folder holding Maabar.slnx).</summary>
internal static class SharedData
{
    public static string PathOf(string relative)
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Maabar.slnx")))
            {
                string path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", relative));
                return File.Exists(path) ? path : throw new FileNotFoundException("Shared data set missing: it lives beside the repository in ../shared/data.", path);
            }
        }

        throw new InvalidOperationException("Maabar.slnx not found above " + AppContext.BaseDirectory);
    }
}
