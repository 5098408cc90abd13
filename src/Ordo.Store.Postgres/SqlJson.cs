using System.Text.Json.Serialization;

namespace Ordo.Store.Postgres;

/// <summary>Source-generated JSON for the few jsonb columns (attributes, event data, scopes).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class SqlJson : JsonSerializerContext;
