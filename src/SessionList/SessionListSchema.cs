using Orleans.Conversations.Migrations;

namespace Orleans.Conversations.SessionList;

/// <summary>The read model's tables (schema <c>session_list</c>), applied by the silo at start-up.</summary>
public static class SessionListSchema
{
    /// <summary>The scripts, recorded in <c>public.schema_migrations</c> as <c>sessionlist/NNN_name.sql</c>.</summary>
    public static SqlScriptSet Scripts { get; } = new("sessionlist", typeof(SessionListSchema).Assembly, "sessionlist/");
}
