import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { agencyCodeField, agencyCodeProblem, normaliseAgencyCode } from './agency-code.js';

describe('agency identifiers', () => {
  test('accepts QCVN 102:2016 identifiers', () => {
    for (const code of ['000.00.00.H41', '000.00.12.H13', '999.99.99.Z99', '000.01.00.G01']) assert.equal(agencyCodeProblem(code), null, code);
  });

  test('accepts longer Decision 20/2020 identifiers up to 35 characters', () => {
    assert.equal(agencyCodeProblem('H41.45.12'), null);
    assert.equal(agencyCodeProblem('G01.100.20.30.40.50'), null);
    const max = `A${'.1'.repeat(17)}`;
    assert.equal(max.length, 35);
    assert.equal(agencyCodeProblem(max), null);
  });

  test('rejects an identifier laid out like QCVN 102 whose last group is not a letter and two digits', () => {
    assert.equal(agencyCodeProblem('000.00.00.141'), 'agencyCode.qcvn');
    assert.equal(agencyCodeProblem('000.00.00.HH1'), 'agencyCode.qcvn');
    assert.equal(agencyCodeProblem('00A.00.00.H41'), 'agencyCode.qcvn');
  });

  test('rejects identifiers in the wrong format or too long', () => {
    for (const code of ['H41', '000-00-00-H41', '000..00.H41', '.000.00', '000.00.00.H41.', 'Đ01.02', '000 00 00 H41']) {
      assert.equal(agencyCodeProblem(code), 'agencyCode.format', code);
    }
    assert.equal(agencyCodeProblem(`A${'.1'.repeat(18)}`), 'agencyCode.tooLong');
  });

  test('normalises case and surrounding space before checking', () => {
    assert.equal(normaliseAgencyCode('  000.00.00.h41 '), '000.00.00.H41');
    assert.deepEqual(agencyCodeField.safeParse(' 000.00.00.h41').data, '000.00.00.H41');
    const bad = agencyCodeField.safeParse('000.00.00.141');
    assert.equal(bad.success, false);
    assert.equal(bad.error?.issues[0]?.message, 'agencyCode.qcvn');
    assert.equal(agencyCodeField.safeParse('   ').error?.issues[0]?.message, 'field.required');
  });
});
