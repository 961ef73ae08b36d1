/**
 * `raw`: type JSON (or anything) and see exactly what the server answers,
 * one text frame per line. The place to watch the error codes.
 */
import readline from 'node:readline';
import { connectWebSocket } from '#server/websocket/index.ts';

export async function runRaw(url: string): Promise<void> {
  const connection = await connectWebSocket(url);
  console.log(`connected to ${url}; each line you type is sent as one text frame. Try:
  {"v":1,"type":"request","id":1,"method":"join","data":{"room":"demo","name":"raw"}}
  {"v":1,"type":"request","id":2,"method":"fly"}
  {"v":2,"type":"request","id":3,"method":"join"}
  not json`);
  connection.on('message', ({ data }) => console.log(`← ${String(data)}`));
  connection.on('close', ({ code, reason }) => {
    console.log(`closed: ${code} ${reason}`);
    process.exit(0);
  });
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() !== '') connection.send(line);
  // Answers still on their way would be dropped once we close (RFC 6455 §7.1.2), so wait for them.
  await new Promise((resolve) => setTimeout(resolve, 500));
  connection.close(1000, 'bye');
}
