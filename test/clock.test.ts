import { test, describe, beforeEach, afterEach, mock } from 'node:test';
import assert from 'node:assert/strict';
import { ControllableClock, SystemClock } from '../mock-server/clock.ts';

const T0 = 1_700_000_000_250; // a fixed "real" time, 250 ms into a second

describe('ControllableClock (with Date mocked)', () => {
  beforeEach(() => {
    mock.timers.enable({ apis: ['Date'], now: T0 });
  });
  afterEach(() => {
    mock.timers.reset();
  });

  test('follows real time with no offset', () => {
    const clock = new ControllableClock();
    assert.equal(clock.now(), T0);
    mock.timers.tick(1500);
    assert.equal(clock.now(), T0 + 1500);
    assert.equal(clock.offsetSeconds, 0);
  });

  test('advance moves time forward and back, cumulatively', () => {
    const clock = new ControllableClock();
    clock.advance(10);
    assert.equal(clock.now(), T0 + 10_000);
    clock.advance(-3);
    assert.equal(clock.now(), T0 + 7_000);
    clock.advance(0.5);
    assert.equal(clock.now(), T0 + 7_500);
    assert.equal(clock.offsetSeconds, 7.5);
    // Real time still flows underneath the offset.
    mock.timers.tick(100);
    assert.equal(clock.now(), T0 + 7_600);
  });

  test('nowSeconds is the floor of now / 1000', () => {
    const clock = new ControllableClock();
    assert.equal(clock.nowSeconds(), 1_700_000_000);
    clock.advance(0.749); // 250 + 749 = 999 ms into the second
    assert.equal(clock.now(), T0 + 749);
    assert.equal(clock.nowSeconds(), 1_700_000_000);
    clock.advance(0.001);
    assert.equal(clock.nowSeconds(), 1_700_000_001);
    clock.advance(-0.002); // back below the boundary: floor, not round
    assert.equal(clock.nowSeconds(), 1_700_000_000);
    assert.ok(Number.isInteger(clock.nowSeconds()));
  });

  test('freeze stops time; advance still moves a frozen clock', () => {
    const clock = new ControllableClock();
    clock.freeze();
    mock.timers.tick(5_000);
    assert.equal(clock.now(), T0);
    clock.advance(60);
    assert.equal(clock.now(), T0 + 60_000);
    mock.timers.tick(5_000);
    assert.equal(clock.now(), T0 + 60_000);
  });

  test('freeze keeps an existing offset', () => {
    const clock = new ControllableClock();
    clock.advance(30);
    clock.freeze();
    mock.timers.tick(1_000);
    assert.equal(clock.now(), T0 + 30_000);
  });

  test('reset returns to real time (no offset, not frozen)', () => {
    const clock = new ControllableClock();
    clock.advance(100);
    clock.freeze();
    mock.timers.tick(2_000);
    clock.reset();
    assert.equal(clock.offsetSeconds, 0);
    assert.equal(clock.now(), T0 + 2_000);
    mock.timers.tick(1_000);
    assert.equal(clock.now(), T0 + 3_000, 'time flows again after reset');
  });

  test('rejects a non-finite advance and keeps its state', () => {
    const clock = new ControllableClock();
    clock.advance(5);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      assert.throws(() => clock.advance(bad), (e: unknown) => e instanceof RangeError && /finite/.test(e.message));
    }
    assert.equal(clock.offsetSeconds, 5);
    assert.equal(clock.now(), T0 + 5_000);
  });
});

describe('SystemClock', () => {
  test('now() is Date.now()', () => {
    const clock = new SystemClock();
    const before = Date.now();
    const now = clock.now();
    const after = Date.now();
    assert.ok(now >= before && now <= after, `${now} within [${before}, ${after}]`);
  });

  test('nowSeconds() is whole seconds of Date.now()', () => {
    const clock = new SystemClock();
    const before = Math.floor(Date.now() / 1000);
    const s = clock.nowSeconds();
    const after = Math.floor(Date.now() / 1000);
    assert.ok(Number.isInteger(s));
    assert.ok(s >= before && s <= after);
  });

  test('follows a mocked Date exactly', () => {
    mock.timers.enable({ apis: ['Date'], now: T0 });
    try {
      const clock = new SystemClock();
      assert.equal(clock.now(), T0);
      assert.equal(clock.nowSeconds(), Math.floor(T0 / 1000));
    } finally {
      mock.timers.reset();
    }
  });
});
