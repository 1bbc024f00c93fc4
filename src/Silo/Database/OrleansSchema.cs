using Orleans.Conversations.Migrations;

namespace Orleans.Conversations.Silo.Database;

/// <summary>
/// Orleans' clustering and grain-storage schema: the scripts of <c>sql/</c>, embedded in this assembly, applied by the
/// silo's schema start-up before clustering or storage run.
/// </summary>
public static class OrleansSchema
{
    /// <summary>The scripts, recorded as <c>orleans/NNN_name.sql</c>.</summary>
    public static SqlScriptSet Scripts { get; } = new("orleans", typeof(OrleansSchema).Assembly, "orleans/");
}
