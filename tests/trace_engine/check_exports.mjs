// check_exports.mjs — loads Interleave's Perfetto/Chrome JSON exports with Chrome DevTools' own trace engine
// (@paulirish/trace_engine, pinned in package.json) and asserts that a real viewer draws them right:
// every thread named, every slice in its thread's tree and none nested under another, every flow bound,
// the counters present, a `cat` on every event, no zero-length slice, and per-state totals that match the
// CSV export to the nanosecond.
//
//   node check_exports.mjs ENGINE_DIR RUN.json [RUN.csv] [--min-events N] ...
//
// ENGINE_DIR is where `npm ci` installed the engine (node_modules inside it). Each RUN.json may be followed
// by its CSV export (the same run) and by --min-events N (fail unless the file has at least N events).
import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

const [engineDir, ...args] = process.argv.slice(2);
if (!engineDir || args.length === 0) {
  console.error('usage: node check_exports.mjs ENGINE_DIR RUN.json [RUN.csv] [--min-events N] ...');
  process.exit(2);
}
globalThis.DOMRect ??= class DOMRect {};  // the engine expects a browser's DOMRect to exist
const Trace = await import(
    pathToFileURL(path.join(engineDir, 'node_modules/@paulirish/trace_engine/models/trace/trace.js')).href);

let failures = 0;
function check(ok, what) {
  if (!ok) {
    failures++;
    console.error('  FAIL ' + what);
  }
  return ok;
}
// Microseconds (as the JSON has them) to integer nanoseconds.
const ns = us => Math.round(us * 1000);

async function checkRun(file, csvFile, minEvents) {
  console.log(`${path.basename(file)}:`);
  const events = JSON.parse(fs.readFileSync(file, 'utf8')).traceEvents;
  check(events.length >= minEvents, `${events.length} events, expected at least ${minEvents}`);

  // What the file says, before the engine sees it (the engine changes events in place).
  const threadNames = new Map();  // "pid:tid" -> name
  const slicesPerThread = new Map();
  let flowStarts = 0, zeroLength = 0, noCat = 0;
  const counters = new Map();  // name -> [arg keys]
  const totals = new Map();    // "tid:state" -> ns
  for (const e of events) {
    if (typeof e.cat !== 'string' || e.cat === '') noCat++;
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(key, e.args.name);
    if (e.ph === 'X') {
      slicesPerThread.set(key, (slicesPerThread.get(key) ?? 0) + 1);
      if (!(e.dur > 0)) zeroLength++;
      if (e.pid === 1 && !e.args.final) {
        const k = `${e.tid}:${e.args.state}`;
        // Exact: the end is start + duration as a viewer adds them, both rounded to the nanosecond.
        totals.set(k, (totals.get(k) ?? 0) + ns(e.ts + e.dur) - ns(e.ts));
      }
    }
    if (e.ph === 's') flowStarts++;
    if (e.ph === 'C') counters.set(e.name, Object.keys(e.args));
  }
  check(noCat === 0, `${noCat} events without a cat`);
  check(zeroLength === 0, `${zeroLength} zero-length slices`);
  for (const [key, n] of slicesPerThread) check(threadNames.has(key), `thread ${key} (${n} slices) has no name`);
  const strays = events.filter(e => (e.ph === 'i' || e.ph === 'C') && !threadNames.has(`${e.pid}:${e.tid}`));
  check(strays.length === 0, `${strays.length} instant or counter events on threads that do not exist` +
                                 (strays.length ? ` (first: '${strays[0].name}' on ${strays[0].pid}:${strays[0].tid})` : ''));
  const tids = [...threadNames.keys()].map(k => k.split(':')[1]);
  check(new Set(tids).size === tids.length, 'two threads share a thread id');

  // The engine itself.
  Trace.Helpers.SyntheticEvents.SyntheticEventsManager.createAndActivate(events);
  const processor = Trace.Processor.TraceProcessor.createWithAllHandlers();
  await processor.parse(events, {isFreshRecording: false, isCPUProfile: false});
  const data = processor.data;
  let threads = 0, slices = 0;
  for (const [pid, proc] of data.Renderer.processes) {
    for (const [tid, thread] of proc.threads) {
      threads++;
      const key = `${pid}:${tid}`;
      const want = slicesPerThread.get(key) ?? 0;
      check(!!thread.name && thread.name === threadNames.get(key), `thread ${key} is named '${thread.name}'`);
      let nodes = 0, nested = 0;
      const walk = node => {
        nodes++;
        if (node.depth > 0) nested++;
        for (const c of node.children) walk(c);
      };
      for (const root of thread.tree?.roots ?? []) walk(root);
      slices += nodes;
      check(nodes === want, `thread ${key} '${thread.name}': ${nodes} of its ${want} slices are in its tree`);
      check(nested === 0, `thread ${key} '${thread.name}': ${nested} slices nested under another`);
    }
  }
  check(threads === slicesPerThread.size, `the engine has ${threads} threads, the file ${slicesPerThread.size}`);
  const flows = data.Flows.flows;
  check(flows.length === flowStarts, `${flows.length} of ${flowStarts} flows bound to slices`);
  const unbound = flows.filter(f => f.length !== 2 || f[0] === f[1]).length;
  check(unbound === 0, `${unbound} flows do not join two slices`);
  check(counters.size > 0, 'no counter tracks');
  check(counters.has('run queue (#1)'), 'no run queue counter track');
  for (const [name, keys] of counters)
    check(keys.length === 1 && !name.includes(` ${keys[0]} `), `counter '${name}' with args ${keys}`);

  if (csvFile) {
    // Per-state totals from the JSON equal the CSV's (which keeps zero-length intervals) to the nanosecond.
    const want = new Map();
    const lines = fs.readFileSync(csvFile, 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const f = line.split(',');  // goroutine,name,state,reason,object,start_ns,end_ns,file,line
      const k = `${f[0]}:${f[2]}`;
      want.set(k, (want.get(k) ?? 0) + Number(f[6]) - Number(f[5]));
    }
    let differ = 0;
    for (const [k, v] of want) if ((totals.get(k) ?? 0) !== v) differ++;
    check(differ === 0, `${differ} goroutine/state totals differ from the CSV`);
  }
  console.log(`  ${events.length} events, ${threads} threads, ${slices} slices, ${flows.length} flows, ` +
              `${counters.size} counter tracks`);
}

for (let i = 0; i < args.length;) {
  const file = args[i++];
  let csv = null, min = 0;
  if (args[i]?.endsWith('.csv')) csv = args[i++];
  if (args[i] === '--min-events') {
    min = Number(args[i + 1]);
    i += 2;
  }
  await checkRun(file, csv, min);
}
if (failures) {
  console.error(`${failures} check(s) failed`);
  process.exit(1);
}
console.log('every export drawn right by the DevTools trace engine');
