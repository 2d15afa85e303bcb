import { describe, expect, it } from 'vitest';
import { explainNothingQueued } from '../../src/core/tick-explanations.js';

describe('explainNothingQueued: why a scheduled send queued nothing', () => {
  it('says nobody reports when no unit has an active model', () => {
    expect(explainNothingQueued('reminder', { reportingUnits: 0, pendingUnits: 0, reachableUnits: 0 })).toEqual({ reason: 'no-reporting-units' });
  });
  it('says everybody has sent before asking who could be written to', () => {
    expect(explainNothingQueued('reminder', { reportingUnits: 12, pendingUnits: 0, reachableUnits: 0 })).toEqual({ reason: 'all-sent' });
    expect(explainNothingQueued('escalation', { reportingUnits: 12, pendingUnits: 0, reachableUnits: 0 })).toEqual({ reason: 'all-sent' });
  });
  it('says nobody has accepted an invitation: the answerers for a notice, the leaders above for an escalation', () => {
    expect(explainNothingQueued('period-open', { reportingUnits: 12, pendingUnits: 9, reachableUnits: 0 })).toEqual({ reason: 'nobody-joined', pendingUnits: 9 });
    expect(explainNothingQueued('escalation', { reportingUnits: 12, pendingUnits: 3, reachableUnits: 0 })).toEqual({ reason: 'no-leader-joined', pendingUnits: 3 });
    expect(explainNothingQueued('digest', { reachableLeaders: 0 })).toEqual({ reason: 'no-leader-joined' });
  });
  it('otherwise the messages were queued before (by another instance, or a tick that stopped half-way)', () => {
    expect(explainNothingQueued('reminder', { reportingUnits: 12, pendingUnits: 9, reachableUnits: 4 })).toEqual({ reason: 'already-queued' });
    expect(explainNothingQueued('digest', { reachableLeaders: 2 })).toEqual({ reason: 'already-queued' });
  });
});
