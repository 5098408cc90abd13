// Runs Fungies' own MCP server (npm @fungiesio/mcp-server, dist/index.js) in this process against
// Ordo and calls its tools through the MCP SDK's client, as an AI host would.
//
// In:  ORDO_URL (Ordo's base URL; the server reads it as FUNGIES_API_BASE), FUNGIES_PUBLIC_KEY,
//      FUNGIES_SECRET_KEY, MCP_CALLS: a JSON array of {name, arguments, pageAll}; with pageAll the
//      call is repeated with skip moved on by the items received while the answer says hasMore.
// Out: one JSON line {tools: [names], results: [{isError, pages: [parsed tool answers]}]}.
import net from 'node:net';

// The server listens on every interface (serve({port})); tests stay on loopback, so a listen
// without a host is given 127.0.0.1. The server's own code is untouched.
const listening = [];
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && (args[1] === undefined || typeof args[1] === 'function')) {
    if (args[1] === undefined) args[1] = '127.0.0.1';
    else args.splice(1, 0, '127.0.0.1');
  }
  listening.push(this);
  return listen.apply(this, args);
};

process.env.FUNGIES_API_BASE = process.env.ORDO_URL;
process.env.PORT = '0';
process.env.LOG_LEVEL ??= 'silent';
process.env.FUNGIES_MAX_RETRIES ??= '0';

const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
await import('@fungiesio/mcp-server');

const server = listening[0];
if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
const url = new URL(`http://127.0.0.1:${server.address().port}/mcp`);

const client = new Client({ name: 'ordo-interop', version: '1.0.0' });
await client.connect(new StreamableHTTPClientTransport(url, {
  requestInit: {
    headers: {
      'x-fngs-public-key': process.env.FUNGIES_PUBLIC_KEY,
      'x-fngs-secret-key': process.env.FUNGIES_SECRET_KEY,
    },
  },
}));

async function call(name, args) {
  const answer = await client.callTool({ name, arguments: args });
  const text = answer.content.map((c) => c.text ?? '').join('');
  let value;
  try { value = JSON.parse(text); } catch { value = text; }
  return { isError: answer.isError === true, value };
}

const tools = (await client.listTools()).tools.map((t) => t.name);
const results = [];
for (const { name, arguments: args = {}, pageAll = false } of JSON.parse(process.env.MCP_CALLS)) {
  const pages = [];
  let skip = args.skip ?? 0;
  for (;;) {
    const page = await call(name, pageAll ? { ...args, skip } : args);
    pages.push(page.value);
    if (!pageAll || page.isError || !page.value.hasMore || pages.length > 50) {
      results.push({ isError: page.isError, pages });
      break;
    }
    skip += page.value.items.length;
  }
}

await client.close();
server.close();
console.log(JSON.stringify({ tools, results }));
process.exit(0);
