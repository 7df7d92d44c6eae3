namespace IgfPlatform.Grains.Storage;

/// <summary>
/// The grain storage providers. Small states live in Azure Table; states that grow (catalogs,
/// boards, proceedings) live in Blob storage, which has no 960 KiB entity cap.
/// </summary>
public static class StorageNames
{
    public const string Table = "forum";
    public const string Blob = "forumBlobs";
}
