/** One `arctl script test`: drive the program through the scenario, judge the runs, add the file checks. */
import { programBasename } from '../timeline/execd-state.ts';
import { drive, type Delivery, type Run } from './driver.ts';
import { AR_LOG_FILE } from '../wazuh/execd-protocol.ts';
import { isCompliant, type ArLogTail, type FileIsolation, type Isolation, type ScriptReport } from './model.ts';
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
  fileIsolation?: FileIsolation;
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
      ...(test.fileIsolation ? { fileIsolation: test.fileIsolation } : {}),
      command: test.command,
      timeout: test.timeout,
      checks,
      compliant: isCompliant(checks),
      ...(host.arLog ? { activeResponsesLog: arLogTail(host.arLog()) } : {}),
    },
    runs: result.runs,
  };
}

/** The AR log is shown by its last lines. */
const AR_LOG_LINES = 20;

function arLogTail(log: { text: string; cut: boolean }): ArLogTail {
  const lines = log.text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return { file: AR_LOG_FILE, lines: lines.slice(-AR_LOG_LINES), more: log.cut || lines.length > AR_LOG_LINES };
}
