namespace Ordo.Server.Auth;

public static class Scopes
{
    public const string OrdersRead = "orders:read";
    public const string OrdersWrite = "orders:write";
    public const string FillsWrite = "fills:write";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [OrdersRead, OrdersWrite, FillsWrite, Admin];
}
