namespace Maabar.Hosting;

/// <summary>
/// Folders and files that only the node's own account may read: the data folder (0700), the SQLite database
/// (0600) and secrets such as the credentials file (0600). Each is created with its mode rather than changed
/// afterwards, so there is no moment when another account could open it (issue 21 point 7).
/// On Windows the modes do not apply and the folder's inherited ACL is kept.
/// </summary>
public static class OwnerOnly
{
    /// <summary>rwx------ .</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rw------- .</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates the folder (and any missing parent) as 0700. A folder that already exists is left as it is: it may
    /// be one the operator shares on purpose (a database file configured under /var/lib, say), so its mode is theirs.
    /// </summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows() || Directory.Exists(path))
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, FolderMode);
    }

    /// <summary>
    /// Creates an empty file as 0600 when there is none (SQLite takes an empty file for a new database and gives its
    /// journal and WAL files the database's mode); closes an existing one left readable by others.
    /// </summary>
    public static void CreateFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(path))
        {
            try
            {
                using var created = new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
                return;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process made it first: fall through and check its mode.
            }
        }

        if ((File.GetUnixFileMode(path) & ~FileMode) != 0)
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }

    /// <summary>Opens a file for appending, creating it as 0600 when there is none.</summary>
    public static FileStream OpenAppend(string path)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.Append, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(path, options);
    }
}
