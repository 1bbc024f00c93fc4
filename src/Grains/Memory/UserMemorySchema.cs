using Orleans.Conversations.Migrations;

namespace Orleans.Conversations.Grains.Memory;

/// <summary>The memory projection's table (schema <c>memory</c>), applied by the schema start-up of every silo.</summary>
public static class UserMemorySchema
{
    /// <summary>The scripts, recorded in <c>public.schema_migrations</c> as <c>memory/NNN_name.sql</c>.</summary>
    public static SqlScriptSet Scripts { get; } = new("memory", typeof(UserMemorySchema).Assembly, "memory/");
}
