using Orleans.Conversations.Admin;

var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__EventStore");
if (string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine("ConnectionStrings__EventStore is not set: run this tool through scripts/admin, which sets it, or set it yourself.");
    return 2;
}

return await AdminCommand.RunAsync(args, Console.Out, Console.Error, connectionString);
