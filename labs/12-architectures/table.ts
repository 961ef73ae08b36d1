/** The calculator's table: each model's load for N = from…to, one row per N. */
import { loadOf, MODELS, type Model } from '#solutions/12-architectures/models.ts';
import { cpuOf } from './cpu.ts';

export interface Row {
  readonly participants: number;
  readonly model: Model;
  readonly uplink: number;
  readonly downlink: number;
  readonly serverIn: number;
  readonly serverOut: number;
  readonly participantCpu: number;
  readonly serverCpu: number;
}

export function rows(from: number, to: number, bitrateKbps: number): Row[] {
  const out: Row[] = [];
  for (let participants = from; participants <= to; participants++) {
    for (const model of MODELS) {
      const load = loadOf(model, participants, bitrateKbps);
      const cpu = cpuOf(load, participants);
      out.push({
        participants,
        model,
        uplink: load.uplinkPerParticipant,
        downlink: load.downlinkPerParticipant,
        serverIn: load.serverIn,
        serverOut: load.serverOut,
        participantCpu: cpu.participant,
        serverCpu: cpu.server,
      });
    }
  }
  return out;
}

/** 1500 → '1.5M', 73500 → '73.5M', 3675000 → '3.67G', 800 → '800k' (kbit/s). */
export function formatKbps(kbps: number): string {
  if (kbps === 0) return '0';
  if (kbps < 1000) return `${Math.round(kbps)}k`;
  if (kbps < 1_000_000) return `${trim(kbps / 1000)}M`;
  return `${trim(kbps / 1_000_000)}G`;
}

function trim(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1).replace(/\.0$/, '') : value.toFixed(2).replace(/\.?0+$/, '');
}

export function renderTable(list: readonly Row[], every: (participants: number) => boolean): string {
  const header = ['N', 'model', 'up/person', 'down/person', 'server in', 'server out', 'cpu/person', 'cpu server'];
  const widths = [4, 6, 11, 12, 11, 11, 11, 11];
  const line = (cells: string[]) => cells.map((cell, index) => (index < 2 ? cell.padEnd(widths[index]!) : cell.padStart(widths[index]!))).join(' ');
  const out = [line(header), line(widths.map((width) => '-'.repeat(width)))];
  let last = 0;
  for (const row of list) {
    if (!every(row.participants)) continue;
    if (last !== 0 && last !== row.participants) out.push('');
    last = row.participants;
    out.push(
      line([
        String(row.participants),
        row.model,
        formatKbps(row.uplink),
        formatKbps(row.downlink),
        formatKbps(row.serverIn),
        formatKbps(row.serverOut),
        row.participantCpu.toFixed(1),
        row.serverCpu.toFixed(1),
      ]),
    );
  }
  return out.join('\n');
}
