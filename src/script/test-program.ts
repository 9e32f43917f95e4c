/** One `arctl script test`: drive the program through the scenario, judge the runs, add the file checks. */
import { programBasename } from '../timeline/execd-state.ts';
import { drive, type Delivery, type Run } from './driver.ts';
import { isCompliant, type Isolation, type ScriptReport } from './model.ts';
import type { ScriptHost } from './process.ts';
import { readsToEofHint, staticChecks, type ProgramFile } from './static-checks.ts';
import { judge } from './verdict.ts';

export interface ProgramTest {
  file: ProgramFile;
  /** active-response/bin/NAME as execd passes it. */
  program: string;
  command: string;
  timeout: number;
  repeatedOffenders?: number[];
  protocol: 'json' | 'legacy';
  target: string;
  isolation: Isolation;
  isolationNote: string;
  deadlineMs: number;
  deliveries: Delivery[];
}

export async function testProgram(host: ScriptHost, test: ProgramTest): Promise<{ report: ScriptReport; runs: Run[] }> {
  const result = await drive(host, test.deliveries, {
    program: test.program,
    command: test.command,
    timeout: test.timeout,
    deadlineMs: test.deadlineMs,
    ...(test.repeatedOffenders ? { repeatedOffenders: test.repeatedOffenders } : {}),
  });
  const eofAt = readsToEofHint(test.file);
  const checks = [
    ...staticChecks(test.file),
    ...judge(result, { protocol: test.protocol, timeout: test.timeout, deadlineMs: test.deadlineMs, programBase: programBasename(test.program), ...(eofAt ? { readsToEofAt: eofAt } : {}) }),
  ];
  return {
    report: {
      program: test.file.path,
      protocol: test.protocol,
      target: test.target,
      isolation: test.isolation,
      isolationNote: test.isolationNote,
      command: test.command,
      timeout: test.timeout,
      checks,
      compliant: isCompliant(checks),
    },
    runs: result.runs,
  };
}
