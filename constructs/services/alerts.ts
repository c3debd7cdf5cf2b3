import type { App } from '../core/app';
import { EplConstruct } from '../core/epl-construct';
import { checkProps } from '../core/props';
import { uniqueChildId } from '../storage/containers';

/** One input series of an alert test, in promtool's notation. */
export interface AlertTestSeries {
  /** The series: a metric name and its labels, `node_filesystem_free_bytes{device="/dev/sda1",instance="a:9100"}`. */
  readonly series: string;
  /**
   * Its samples, one per `interval`, in promtool's expanding notation: `1 2 3`, `0+10x5` (0, 10, ..., 50),
   * `1x4` (five 1s), `_` (no sample), `stale`.
   */
  readonly values: string;
}

/** A unit test of an alert: given these series, the alert fires at `evalTime` with this message. */
export interface AlertTest {
  /** The series the test's Prometheus holds; each metric must occur in the alert's expression. */
  readonly inputSeries: readonly AlertTestSeries[];
  /** When the alert is evaluated, counted from the first sample (a Prometheus duration, `10m`). */
  readonly evalTime: string;
  /** Time between two samples of the input series (a Prometheus duration). @default '1m' */
  readonly interval?: string;
  /**
   * The labels of the firing alert besides `alertname`, `alert_group` and `severity` (which epl adds).
   * @default - the labels every input series has in common, with the same value
   */
  readonly expectedLabels?: Readonly<Record<string, string>>;
  /** The alert's description as it reads once its templates are filled in. */
  readonly expectedMessage: string;
}

export interface AlertProps {
  /** The PromQL expression; every series it returns is an alert. */
  readonly expr: string;
  /** How long the expression must hold before the alert fires (a Prometheus duration). @default '5m' */
  readonly for?: string;
  /** How urgent the alert is, 1 (least) to 100, sent as the `severity` label. @default 50 */
  readonly severity?: number;
  /** What is wrong, for whoever is notified; may use label templates (`{{ $labels.instance }}`). */
  readonly description: string;
  /** Unit tests run by `promtool test rules` at synth; at least one. */
  readonly tests: readonly AlertTest[];
}

/** A Prometheus alerting rule with its unit tests. The name is PascalCase and unique among all alerts. */
export class Alert extends EplConstruct {
  readonly alertName: string;
  readonly expr: string;
  readonly for: string;
  readonly severity: number;
  readonly description: string;
  readonly tests: readonly AlertTest[];

  /** @internal use `group.alert(name, props)` */
  constructor(scope: AlertGroup, name: string, props: AlertProps) {
    super(scope, uniqueChildId(scope, name));
    props = checkProps(this, 'AlertProps', props);
    this.alertName = name;
    this.expr = props.expr;
    this.for = props.for ?? '5m';
    this.severity = props.severity ?? 50;
    this.description = props.description;
    this.tests = [...(props.tests ?? [])];
  }

  get group(): AlertGroup {
    return this.node.scope as AlertGroup;
  }
}

/**
 * A named group of Prometheus alerting rules (a `groups` entry of the rule file). The id is its
 * PascalCase name; declare it on the App. Monitoring clusters choose the groups they evaluate.
 */
export class AlertGroup extends EplConstruct {
  readonly groupName: string;
  private readonly alertList: Alert[] = [];

  constructor(scope: App, name: string) {
    super(scope, name);
    this.groupName = name;
  }

  /** Declares an alert of the group. */
  alert(name: string, props: AlertProps): Alert {
    const a = new Alert(this, name, props);
    this.alertList.push(a);
    return a;
  }

  get alerts(): readonly Alert[] {
    return this.alertList;
  }
}
