import { describe, expect, it } from 'vitest';
import { countResults, summaryLine } from './summarise.mjs';

const file = (status: string, tests: string[], message?: string) => ({
  name: `/x/${status}.test.ts`,
  status,
  message,
  assertionResults: tests.map((s) => ({ status: s })),
});

describe('summarise', () => {
  it('counts passed, failed and skipped tests', () => {
    const c = countResults({
      success: false,
      testResults: [file('passed', ['passed', 'passed', 'skipped']), file('failed', ['passed', 'failed', 'todo', 'pending'])],
    });
    expect([c.passed, c.failed, c.skipped]).toEqual([3, 1, 3]);
    expect(summaryLine(c)).toBe('3 passed, 1 failed, 3 skipped');
  });
  it('leaves out skipped when there are none', () => {
    expect(summaryLine(countResults({ success: true, testResults: [file('passed', ['passed'])] }))).toBe('1 passed, 0 failed');
  });
  it('counts a test file that failed to load as a failure', () => {
    const c = countResults({ success: false, testResults: [file('failed', [], 'SyntaxError: x'), file('passed', ['passed'])] });
    expect([c.passed, c.failed]).toEqual([1, 1]);
    expect(c.notes[0]).toContain('SyntaxError: x');
  });
  it('counts a failed run with no failing test as a failure', () => {
    expect(countResults({ success: true, testResults: [file('passed', ['passed'])] }, 1).failed).toBe(1);
    expect(countResults({ success: false, testResults: [] }).failed).toBe(1);
  });
});
