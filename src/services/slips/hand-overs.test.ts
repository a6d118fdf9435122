import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ActionSpec, aDossierView, aFullLog, vn } from '../../../test/support/dossier-views.js';
import { handOvers, judge } from './hand-overs.js';

describe('judging a hand-over against its due time', () => {
  const due = vn('2026-03-20 16:00');

  test('the due moment itself is on time; a millisecond later is late', () => {
    assert.equal(judge(due, due), 'on_time');
    assert.equal(judge(new Date(due.getTime() + 1), due), 'late');
    assert.equal(judge(vn('2026-03-23 08:00'), due), 'late');
  });

  test('earlier on the due day is on time; any time on a day before is early', () => {
    assert.equal(judge(vn('2026-03-20 00:00'), due), 'on_time');
    assert.equal(judge(vn('2026-03-20 15:59'), due), 'on_time');
    assert.equal(judge(new Date(vn('2026-03-20 00:00').getTime() - 1), due), 'early');
    assert.equal(judge(vn('2026-03-16 09:00'), due), 'early');
  });

  test('days are Vietnamese days, whatever the server’s zone: 06:59 in Hà Nội is still the previous day in UTC', () => {
    const morningDue = vn('2026-03-20 08:00');
    assert.equal(judge(vn('2026-03-20 06:59'), morningDue), 'on_time');
    assert.equal(judge(vn('2026-03-19 23:59'), morningDue), 'early');
  });

  test('nothing is judged without a due time', () => {
    assert.equal(judge(vn('2026-03-20 08:00'), null), null);
  });
});

describe('hand-overs read from the log', () => {
  test('the whole way: desk → steps → desk → applicant, with givers, receivers and judgements', () => {
    const rows = handOvers(aDossierView({ actions: aFullLog() }));
    assert.deepEqual(
      rows.map((r) => [r.type, party(r.giver), r.giverPerson, party(r.receiver), r.receiverPerson, r.result]),
      [
        ['receive', 'desk', 'Lê Văn Tiếp', 'XL', 'Đặng Thị Xuân', null],
        ['complete_step', 'XL', 'Đặng Thị Xuân', 'PD', 'Hoàng Văn Lãnh', 'early'],
        ['approve', 'PD', 'Hoàng Văn Lãnh', 'PH', 'Vi Thị Văn', 'on_time'],
        ['complete_step', 'PH', 'Vi Thị Văn', 'desk', 'Lê Văn Tiếp', 'late'],
        ['return_result', 'desk', 'Lê Văn Tiếp', 'applicant', 'Nguyễn Thị Hồng Nhung', 'on_time'],
      ],
    );
    // The desk's return is judged against the appointment the last step handed over with.
    assert.equal(rows[4]!.dueAt?.getTime(), vn('2026-03-23 09:15').getTime());
  });

  test('actions that hand nothing over (assignment, supplement) make no row', () => {
    const log: ActionSpec[] = [
      ...aFullLog().slice(0, 3),
      { type: 'request_supplement', at: vn('2026-03-17 10:00'), toState: 'supplement' },
      { type: 'answer_supplement', at: vn('2026-03-18 10:00'), toState: 'processing' },
    ];
    assert.deepEqual(
      handOvers(aDossierView({ actions: log })).map((r) => r.type),
      ['receive'],
    );
  });

  test('a consultation goes out and its answer comes back judged by the answer-by time, the dossier staying with its step', () => {
    const agencies = [{ id: 'a-thue', name: 'Thuế tỉnh' }];
    const [, receive, assign, ...rest] = aFullLog();
    const log: ActionSpec[] = [
      aFullLog()[0]!,
      receive!,
      assign!,
      { type: 'consult', seq: 4, at: vn('2026-03-17 09:00'), actorName: 'Đặng Thị Xuân', note: 'Xin ý kiến về thuế', dueAt: vn('2026-03-18 09:00'), data: { agencies, answerBy: vn('2026-03-18 09:00').toISOString() } },
      { type: 'answer_consultation', seq: 5, at: vn('2026-03-18 14:00'), actorName: 'Nông Văn Thuế', note: 'Miễn lệ phí', data: { agencyId: 'a-thue', consultSeq: 4, answerBy: vn('2026-03-18 09:00').toISOString() } },
      ...rest.slice(0, 1),
    ];
    const rows = handOvers(aDossierView({ actions: log }));
    assert.deepEqual(
      rows.map((r) => [r.type, r.giver.kind === 'agency' ? r.giver.name : r.giverPerson, r.receiver.kind === 'agency' ? r.receiver.name : r.receiverPerson, r.result]),
      [
        // The desk's reception has no step deadline; the leader's step has nobody yet at the end of this log.
        ['receive', 'Lê Văn Tiếp', 'Đặng Thị Xuân', null],
        ['consult', 'Đặng Thị Xuân', 'Thuế tỉnh', null],
        ['answer_consultation', 'Thuế tỉnh', 'Đặng Thị Xuân', 'late'],
        ['complete_step', 'Đặng Thị Xuân', null, 'early'],
      ],
    );
  });

  test('the last receiver is whoever the step was assigned to, until someone hands it on', () => {
    const rows = handOvers(aDossierView({ actions: aFullLog().slice(0, 3) }));
    assert.equal(rows.at(-1)!.receiverPerson, 'Đặng Thị Xuân');
    assert.equal(handOvers(aDossierView({ actions: aFullLog().slice(0, 2) })).at(-1)!.receiverPerson, null);
  });

  test('without a logged step due time, the due time the step was handed over with is used', () => {
    const log: ActionSpec[] = [
      ...aFullLog().slice(0, 4),
      { type: 'return_step', at: vn('2026-03-21 09:00'), stepCode: 'XL', dueAt: vn('2026-03-19 10:00'), actorName: 'Hoàng Văn Lãnh', note: 'Chưa đủ căn cứ', data: { from: 'PD', to: 'XL' } },
    ];
    const back = handOvers(aDossierView({ actions: log })).at(-1)!;
    assert.deepEqual([party(back.giver), party(back.receiver), back.note], ['PD', 'XL', 'Chưa đủ căn cứ']);
    assert.equal(back.dueAt?.getTime(), vn('2026-03-20 16:00').getTime());
    assert.equal(back.result, 'late');
  });

  test('a step code missing from the definition is shown as its code', () => {
    const log: ActionSpec[] = [{ type: 'receive', at: vn('2026-03-16 09:15'), stepCode: 'OLD', dueAt: null }];
    const [row] = handOvers(aDossierView({ actions: log }));
    assert.deepEqual(row!.receiver, { kind: 'step', code: 'OLD', name: 'OLD', role: null });
  });
});

function party(p: ReturnType<typeof handOvers>[number]['giver']): string {
  return p.kind === 'step' ? p.code : p.kind;
}
