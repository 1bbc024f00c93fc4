using Orleans.Conversations.Migrations;

namespace Orleans.Conversations.SessionList;

/// <summary>The read model's tables (schema <c>session_list</c>), applied by the schema start-up of every host that registers the list.</summary>
public static class SessionListSchema
{
    /// <summary>The scripts, recorded in <c>public.schema_migrations</c> as <c>sessionlist/NNN_name.sql</c>.</summary>
    public static SqlScriptSet Scripts { get; } = new("sessionlist", typeof(SessionListSchema).Assembly, "sessionlist/");
}
