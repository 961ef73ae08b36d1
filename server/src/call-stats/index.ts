/**
 * Call statistics from RTCPeerConnection.getStats(), for the web app's tiles
 * and for anything that reads the same reports (tests, labs). Browser-safe:
 * no Node APIs and only relative imports, so the page loads these very files
 * from /lib/call-stats/ (see server/src/http/browser-modules.ts).
 *
 *   const sample = sampleConnection(report.values());   // counters of one peer connection
 *   const shown = tileStats(previousSample, sample);      // kbit/s, packets lost, RTT, fps
 *   series.push(shown.kbps); polyline.setAttribute('points', sparklinePoints(series.values(), 120, 24, series.capacity));
 */
export { numberField, stringField, type StatsEntry } from './stats-entry.ts';
export { NO_COUNTERS, sampleConnection, type ConnectionSample, type MediaKind, type StreamCounters } from './sample.ts';
export { bitrateKbps, ratePerSecond, tileStats, wireBytes, type TileStats } from './rates.ts';
export { RollingSeries, sparklinePoints } from './sparkline.ts';
