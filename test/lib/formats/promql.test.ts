import { describe, expect, it } from 'vitest';
import { badSeriesValue, durationMs, isPromDuration, mentionsMetric, parseSeries } from '../../../lib/formats/promql';

describe('Prometheus syntax of alert tests', () => {
  it('durations as Prometheus parses them', () => {
    for (const d of ['0', '0s', '5m', '1h30m', '2d', '1y2w3d4h5m6s7ms', '90s']) expect(isPromDuration(d), d).toBe(true);
    for (const d of ['', '5', '1m1h', '5 m', '1.5h', '-1m', 'm', '5mm']) expect(isPromDuration(d), d).toBe(false);
    expect(durationMs('1h30m')).toBe(5_400_000);
    expect(durationMs('2s500ms')).toBe(2500);
  });

  it('parses a series into its metric and labels, with PromQL string escapes', () => {
    expect(parseSeries('up{job="a",instance="b:1"}')).toEqual({ ok: true, series: { metric: 'up', labels: [['job', 'a'], ['instance', 'b:1']] } });
    expect(parseSeries('{__name__="a:b", x=\'y\'}')).toEqual({ ok: true, series: { metric: 'a:b', labels: [['x', 'y']] } });
    expect(parseSeries('up{a="q\\"uote"}')).toEqual({ ok: true, series: { metric: 'up', labels: [['a', 'q"uote']] } });
    expect(parseSeries(' up ')).toEqual({ ok: true, series: { metric: 'up', labels: [] } });
    for (const bad of ['', '{}', 'up{a=~"b"}', 'up{a="b"', 'up{a="\\q"}', 'up{"a"="b"}', 'up{a="b"} x', 'up{__name__="x"}']) expect(parseSeries(bad).ok, bad).toBe(false);
  });

  it("finds the first value outside promtool's notation", () => {
    expect(badSeriesValue('1 2 _ _x3 stale 1+2x3 5-1x4 1x4 Inf -Inf NaN 1e3 .5 +5')).toBeUndefined();
    expect(badSeriesValue('1 abc 2')).toBe('abc');
    expect(badSeriesValue('1+x3')).toBe('1+x3');
    expect(badSeriesValue('  ')).toBe('');
  });

  it('matches metric names whole', () => {
    expect(mentionsMetric('rate(up[5m]) == 0', 'up')).toBe(true);
    expect(mentionsMetric('up_total == 0', 'up')).toBe(false);
    expect(mentionsMetric('job:up:sum > 0', 'job:up:sum')).toBe(true);
    expect(mentionsMetric('job:up:sum > 0', 'up')).toBe(false);
  });
});
