namespace Ordo.Server.Auth;

/// <summary>What a Tronify source flag (a channel's public name) may look like.</summary>
public static class SourceFlags
{
    public const string Rule = "must be 1 to 64 letters, digits, '_', '-' or '.'";

    public static bool IsValid(string flag) =>
        flag.Length is >= 1 and <= 64 && flag.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
