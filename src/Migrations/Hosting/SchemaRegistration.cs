using Npgsql;

namespace Orleans.Conversations.Migrations.Hosting;

/// <summary>
/// One library's scripts, registered with <see cref="SchemaServiceCollectionExtensions.AddPostgresSchema"/> and
/// applied (or, when <see cref="Apply"/> says no, checked) by the host's one schema start-up.
/// </summary>
/// <param name="Component">What the scripts belong to, for messages, such as <c>Event store 'EventStore'</c>.</param>
/// <param name="Scripts">The scripts.</param>
/// <param name="DataSource">The database they go to.</param>
/// <param name="Apply">Whether this process applies them, or only checks that another has.</param>
public sealed record SchemaRegistration(
    string Component, SqlScriptSet Scripts, Func<IServiceProvider, NpgsqlDataSource> DataSource, Func<IServiceProvider, bool> Apply);
