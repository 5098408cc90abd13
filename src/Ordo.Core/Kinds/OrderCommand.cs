namespace Ordo.Core.Kinds;

/// <summary>The commands that move an existing order (placing creates it in the kind's initial state).</summary>
public enum OrderCommand
{
    Fill,
    Cancel,
    Expire,
}
