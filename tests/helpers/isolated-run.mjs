// Runs one command the way the hostile-event tests need it, and reports how it went.
//
//   node isolated-run.mjs <report.json> <timeout-ms> <address-space-bytes|0> -- <command> [args…]
//
// It listens on 127.0.0.1 and points HTTP_PROXY, HTTPS_PROXY and ALL_PROXY of the command at that
// port, so an HTTP client that tries to reach the network (Typst downloading a @preview package)
// connects here instead, and the test sees the attempt. tests/helpers/hostile.ts starts this script
// inside `unshare -n` where that works (with only the loopback up), so the listener and the command
// share a namespace that has no other network at all. The command is killed after the timeout (a
// FIFO that blocks a read forever must fail the test, not hang CI), and may be given an address
// space limit (a read of /dev/zero must fail the test, not take the machine's memory).
// Plain JavaScript: it runs before anything is compiled, with nothing but node.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import net from "node:net";

const [report, timeoutText, limitText, dashes, command, ...args] = process.argv.slice(2);
if (!report || !timeoutText || !limitText || dashes !== "--" || !command) {
  process.stderr.write("usage: isolated-run.mjs <report.json> <timeout-ms> <bytes|0> -- <command> [args…]\n");
  process.exit(2);
}

const connections = [];
const server = net.createServer((socket) => {
  const seen = { at: new Date().toISOString(), firstBytes: "" };
  connections.push(seen);
  socket.once("data", (d) => {
    seen.firstBytes = String(d).slice(0, 200);
    socket.destroy();
  });
  socket.on("error", () => {});
  setTimeout(() => socket.destroy(), 500).unref();
});
await new Promise((resolve, reject) => {
  server.once("error", reject);
  server.listen(0, "127.0.0.1", resolve);
});
const proxy = `http://127.0.0.1:${server.address().port}`;
const env = { ...process.env };
for (const k of ["NO_PROXY", "no_proxy"]) delete env[k];
for (const k of ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"])
  env[k] = proxy;

const limit = Number(limitText);
const argv = limit > 0 ? [`--as=${limit}`, "--", command, ...args] : args;
const child = spawn(limit > 0 ? "prlimit" : command, argv, { env, stdio: ["ignore", "inherit", "inherit"] });
let timedOut = false;
const timer = setTimeout(() => {
  timedOut = true;
  child.kill("SIGKILL");
}, Number(timeoutText));
const started = Date.now();
const [code, signal] = await new Promise((resolve) => {
  child.on("error", (e) => {
    process.stderr.write(`isolated-run: cannot start ${command}: ${e.message}\n`);
    resolve([-1, null]);
  });
  child.on("exit", (c, s) => resolve([c, s]));
});
clearTimeout(timer);
// A connection may still be arriving from a client that was slow to give up.
await new Promise((resolve) => setTimeout(resolve, 50));
server.close();
writeFileSync(
  report,
  JSON.stringify({ code, signal, timedOut, seconds: (Date.now() - started) / 1000, connections }),
);
