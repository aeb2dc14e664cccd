// Helpers of the fault-matrix tests: generated news pages, `kg` run as a child process, and killing it with
// SIGKILL at a chosen moment.
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { REPO_ROOT } from '../shared.ts';

export const PAGES = 2000;
const CITIES = ['廊坊', '保定', '唐山', '张家口', '承德', '沧州', '邢台', '邯郸', '衡水', '秦皇岛', '赤峰', '通辽', '乌兰察布'];
const BEIJING = ['北京朝阳医院', '北京天坛医院', '北京积水潭医院', '北京儿童医院', '北京安贞医院', '北京同仁医院', '北京宣武医院'];

/** Writes `n` short news pages naming a Hebei or Inner Mongolia city hospital and a Beijing hospital, into `dir`. */
export function writePages(dir: string, n = PAGES): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const city = CITIES[i % CITIES.length];
    const bj = BEIJING[(i * 3 + Math.floor(i / CITIES.length)) % BEIJING.length];
    const date = `${2015 + (i % 10)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    writeFileSync(join(dir, `p${String(i).padStart(5, '0')}.txt`), [
      `${city}市人民医院与${bj}开展合作（第${i}期）`,
      date,
      `${date}，${city}市人民医院与${bj}在${city}市签订医联体合作协议。根据协议，${bj}将派驻专家${(i % 40) + 2}名，帮助${city}市人民医院建设重点专科，新增床位${(i % 9) * 10 + 20}张。`,
      [`双方表示，将通过远程会诊、进修培训、联合门诊等方式推动优质医疗资源下沉。`, `${bj}院长介绍，首批${(i % 7) + 3}个科室已完成对接，今年将开展手术${(i % 50) + 10}例。`,
        `${city}市将为派驻专家提供住房和交通保障，合作期限为${(i % 5) + 3}年。`, `据统计，合作以来${city}市患者外转率下降${(i % 30) + 5}个百分点。`][i % 4],
      [`${city}市卫生健康委员会负责人说，这是该市第${i}个京冀合作项目。`, `会上，双方还就人才培养、科研协作等事项交换了意见（编号${i * 13}）。`,
        `下一步，${city}市将总结第${i}期经验，在更多县区推广。`][i % 3],
    ].join('\n'));
  }
}

/** The child's environment: the embedded stores unless `env` names a server (CI may set MEILI_HOST for other tests). */
const childEnv = (dataDir: string, env: Record<string, string>) => ({ ...process.env, NEO4J_URI: '', MEILI_HOST: '', KG_DATA_DIR: dataDir, ...env });

export const kgArgs = (...a: string[]) => ['--import', 'tsx', join(REPO_ROOT, 'cli', 'kg.ts'), ...a];

export function kg(dataDir: string, env: Record<string, string>, ...args: string[]): void {
  const r = spawnSync(process.execPath, kgArgs(...args), { env: childEnv(dataDir, env), cwd: REPO_ROOT, encoding: 'utf8' });
  expect(r.status, `kg ${args.join(' ')}: ${r.stderr}`).toBe(0);
}

/** Runs `kg ARGS` and kills its process group with SIGKILL as soon as `ready()` holds; fails if it ended first. */
export async function killWhen(dataDir: string, env: Record<string, string>, args: string[], ready: () => boolean): Promise<void> {
  const child = spawn(process.execPath, kgArgs(...args), { env: childEnv(dataDir, env), stdio: ['ignore', 'ignore', 'pipe'], cwd: REPO_ROOT, detached: true });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  let done = false;
  const exited = new Promise<void>((resolve) => child.on('exit', () => ((done = true), resolve())));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !done) {
    await new Promise((r) => setTimeout(r, 20));
    try {
      if (ready()) break;
    } catch {
      // tables not created yet
    }
  }
  expect(done, `kg ${args.join(' ')} ended before it could be killed: ${stderr}`).toBe(false);
  process.kill(-child.pid!, 'SIGKILL');
  await exited;
}

export function count(dataDir: string, sql: string): number {
  const db = new Database(join(dataDir, 'kg.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}
