using Orleans.Conversations.Migrations;

namespace Orleans.Conversations.Search;

/// <summary>The index's tables (schema <c>search</c>), applied by the schema start-up of every host that registers search.</summary>
public static class SearchSchema
{
    /// <summary>The scripts, recorded in <c>public.schema_migrations</c> as <c>search/NNN_name.sql</c>.</summary>
    public static SqlScriptSet Scripts { get; } = new("search", typeof(SearchSchema).Assembly, "search/");
}
